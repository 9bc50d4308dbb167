// Request memory: a bump allocator released in one go at the end of the request (IModuleAllocator,
// IHttpContext::AllocateRequestMemory, and the server's own per-request views). Not thread-safe: a request
// lives on one loop.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace lintel::core {

class arena {
public:
    arena() = default;
    // Starts with caller-provided memory (e.g. a buffer inside the owning object), so small requests never
    // reach malloc. `initial` must be 16-byte aligned and outlive the arena.
    arena(char* initial, size_t size) : cursor_(initial), remaining_(size & ~size_t(15)) {}
    arena(const arena&) = delete;
    arena& operator=(const arena&) = delete;
    ~arena() { release(); }

    // Memory aligned to 16 bytes, valid until release(). Returns nullptr only when the system is out of memory.
    void* allocate(size_t size) {
        size = (size + 15) & ~size_t(15);
        if (size > remaining_) {
            if (!grow(size)) {
                return nullptr;
            }
        }
        void* result = cursor_;
        cursor_ += size;
        remaining_ -= size;
        return result;
    }

    // Frees every block but the first, which is kept for the next request.
    void reset() {
        for (size_t i = 1; i < blocks_.size(); ++i) {
            std::free(blocks_[i]);
        }
        if (!blocks_.empty()) {
            blocks_.resize(1);
            cursor_ = static_cast<char*>(blocks_[0]);
            remaining_ = first_size_;
        }
    }

    void release() {
        for (void* block : blocks_) {
            std::free(block);
        }
        blocks_.clear();
        cursor_ = nullptr;
        remaining_ = 0;
    }

private:
    static constexpr size_t first_block_size = 4096;

    bool grow(size_t at_least) {
        size_t block_size = blocks_.empty() ? first_block_size : 16384;
        if (block_size < at_least) {
            block_size = at_least;
        }
        void* block = std::aligned_alloc(16, (block_size + 15) & ~size_t(15));
        if (!block) {
            return false;
        }
        if (blocks_.empty()) {
            first_size_ = block_size;
        }
        blocks_.push_back(block);
        cursor_ = static_cast<char*>(block);
        remaining_ = block_size;
        return true;
    }

    std::vector<void*> blocks_;
    char* cursor_ = nullptr;
    size_t remaining_ = 0;
    size_t first_size_ = 0;
};

}  // namespace lintel::core
