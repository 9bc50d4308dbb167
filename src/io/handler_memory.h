// Memory for asynchronous operations (asio handlers) from per-thread free lists by size class. Asio's own
// per-thread cache holds a couple of blocks of whatever size was freed last; with many connections mixing waits
// and writes it keeps missing and falls back to malloc. Size classes never miss once warm, and an idle connection
// holds nothing: the blocks belong to the loop.
#pragma once

#include <asio/bind_allocator.hpp>
#include <cstddef>
#include <new>

namespace lintel::io {

void* allocate_handler_memory(std::size_t size);
void deallocate_handler_memory(void* pointer, std::size_t size);

template <class T>
struct handler_allocator {
    using value_type = T;
    handler_allocator() noexcept = default;
    template <class U>
    handler_allocator(const handler_allocator<U>&) noexcept {}
    T* allocate(std::size_t count) { return static_cast<T*>(allocate_handler_memory(count * sizeof(T))); }
    void deallocate(T* pointer, std::size_t count) noexcept {
        deallocate_handler_memory(pointer, count * sizeof(T));
    }
    template <class U>
    bool operator==(const handler_allocator<U>&) const noexcept { return true; }
    template <class U>
    bool operator!=(const handler_allocator<U>&) const noexcept { return false; }
};

// Wraps a completion handler so asio allocates its operation from the size-class pools.
template <class Handler>
auto pooled(Handler&& handler) {
    return asio::bind_allocator(handler_allocator<void>(), std::forward<Handler>(handler));
}

}  // namespace lintel::io
