// Stackful fibers for the request pipeline. Every request's module calls run on a fiber so that a synchronous
// SDK call that has to wait for the client (ReadEntityBody, a Flush past the buffer limit) suspends only that
// request while the loop serves everyone else.
//
// A fiber belongs to one loop thread: it is created, resumed and finished there, never migrated. Stacks come from a
// per-thread pool (guard page below each stack, so an overflow faults instead of corrupting memory).
#pragma once

#include <cstddef>
#include <cstdint>

namespace lintel::io {

class fiber {
public:
    using entry_function = void (*)(void* argument);

    // Stack size of every fiber: IIS worker threads have 256 KiB; modules written for IIS expect about that.
    static constexpr size_t stack_size = 256 * 1024;

    fiber(entry_function entry, void* argument);
    ~fiber();
    fiber(const fiber&) = delete;
    fiber& operator=(const fiber&) = delete;

    // Switches from the caller (the loop) into the fiber until it suspends or its entry returns.
    // Must not be called from inside a fiber.
    void resume();
    // Called from inside the running fiber: switches back to whoever resumed it.
    static void suspend();
    // The fiber running on this thread, or nullptr on the loop's own stack.
    static fiber* current();

    bool finished() const { return finished_; }

private:
    static void trampoline_entry(void* self);

    void* stack_ = nullptr;       // the mapping (guard page included)
    void* stack_pointer_ = nullptr;
    void* caller_stack_pointer_ = nullptr;
    entry_function entry_;
    void* argument_;
    bool finished_ = false;
    const void* asan_stack_bottom_ = nullptr;
    size_t asan_stack_size_ = 0;
    void* asan_fake_stack_ = nullptr;
    const void* asan_caller_bottom_ = nullptr;  // the loop's stack, learnt when the fiber is entered
    size_t asan_caller_size_ = 0;
};

}  // namespace lintel::io
