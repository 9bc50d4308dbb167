#include "io/handler_memory.h"

#include <vector>

namespace lintel::io {

namespace {

constexpr std::size_t class_sizes[] = {128, 256, 512, 1024};
constexpr int class_count = sizeof class_sizes / sizeof class_sizes[0];
constexpr std::size_t kept_per_class = 4096;

struct free_lists {
    std::vector<void*> lists[class_count];
    bool alive = true;
    ~free_lists() {
        alive = false;
        for (auto& list : lists) {
            for (void* block : list) ::operator delete(block);
        }
    }
};
thread_local free_lists pools;

int class_of(std::size_t size) {
    for (int i = 0; i < class_count; ++i) {
        if (size <= class_sizes[i]) return i;
    }
    return -1;
}

}  // namespace

void* allocate_handler_memory(std::size_t size) {
    int index = class_of(size);
    if (index < 0) {
        return ::operator new(size);
    }
    auto& list = pools.lists[index];
    if (!list.empty()) {
        void* block = list.back();
        list.pop_back();
        return block;
    }
    return ::operator new(class_sizes[index]);
}

void deallocate_handler_memory(void* pointer, std::size_t size) {
    int index = class_of(size);
    if (index < 0 || !pools.alive || pools.lists[index].size() >= kept_per_class) {
        ::operator delete(pointer);
        return;
    }
    pools.lists[index].push_back(pointer);
}

}  // namespace lintel::io
