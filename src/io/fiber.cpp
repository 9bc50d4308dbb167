#include "io/fiber.h"

#include <cstdlib>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#define LINTEL_ASAN 1
#endif

// The switch saves the callee-saved registers, MXCSR and the x87 control word on the current stack, stores the
// stack pointer in *from, loads `to` and restores the same set from there. A new fiber's stack is prepared so that
// its first switch "returns" into lintel_fiber_start, which calls entry(argument) with a correctly aligned stack.
extern "C" void lintel_fiber_switch(void** from, void* to);
extern "C" void lintel_fiber_start();

asm(R"(
    .text
    .globl lintel_fiber_switch
    .type lintel_fiber_switch, @function
lintel_fiber_switch:
    pushq %rbp
    pushq %rbx
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    subq $8, %rsp
    stmxcsr (%rsp)
    fnstcw 4(%rsp)
    movq %rsp, (%rdi)
    movq %rsi, %rsp
    ldmxcsr (%rsp)
    fldcw 4(%rsp)
    addq $8, %rsp
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret
    .size lintel_fiber_switch, .-lintel_fiber_switch

    .globl lintel_fiber_start
    .type lintel_fiber_start, @function
lintel_fiber_start:
    movq %r12, %rdi
    callq *%r13
    ud2
    .size lintel_fiber_start, .-lintel_fiber_start
)");

namespace lintel::io {

namespace {

thread_local fiber* running = nullptr;

size_t page_size() {
    static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return size;
}

struct stack_pool {
    std::vector<void*> free_stacks;
    ~stack_pool() {
        for (void* stack : free_stacks) munmap(stack, fiber::stack_size + page_size());
    }
};
thread_local stack_pool stacks;

void* take_stack() {
    if (!stacks.free_stacks.empty()) {
        void* stack = stacks.free_stacks.back();
        stacks.free_stacks.pop_back();
        return stack;
    }
    const size_t total = fiber::stack_size + page_size();
    void* mapping = mmap(nullptr, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED) {
        std::abort();  // out of address space: nothing sensible left to do for this request
    }
    mprotect(mapping, page_size(), PROT_NONE);  // guard page below the stack
    return mapping;
}

void give_stack(void* stack) {
    if (stacks.free_stacks.size() < 256) {
        stacks.free_stacks.push_back(stack);
    } else {
        munmap(stack, fiber::stack_size + page_size());
    }
}

}  // namespace

fiber::fiber(entry_function entry, void* argument) : entry_(entry), argument_(argument) {
    stack_ = take_stack();
    char* bottom = static_cast<char*>(stack_) + page_size();
    char* top = bottom + stack_size;
    asan_stack_bottom_ = bottom;
    asan_stack_size_ = stack_size;
#if defined(LINTEL_ASAN)
    // A recycled stack still carries the redzones of the frames of its previous fiber.
    __asan_unpoison_memory_region(bottom, stack_size);
#endif
    // Initial frame, from the new stack pointer up: [mxcsr|fpu cw][r15][r14][r13][r12][rbx][rbp][return]
    auto* frame = reinterpret_cast<uint64_t*>(top - 64);
    uint32_t mxcsr = 0;
    uint16_t fpu_control = 0;
    asm volatile("stmxcsr %0" : "=m"(mxcsr));
    asm volatile("fnstcw %0" : "=m"(fpu_control));
    frame[0] = static_cast<uint64_t>(mxcsr) | (static_cast<uint64_t>(fpu_control) << 32);
    frame[1] = 0;                                                      // r15
    frame[2] = 0;                                                      // r14
    frame[3] = reinterpret_cast<uint64_t>(&fiber::trampoline_entry);  // r13: function
    frame[4] = reinterpret_cast<uint64_t>(this);                       // r12: argument
    frame[5] = 0;                                                      // rbx
    frame[6] = 0;                                                      // rbp
    frame[7] = reinterpret_cast<uint64_t>(&lintel_fiber_start);        // return address
    stack_pointer_ = frame;
}

fiber::~fiber() { give_stack(stack_); }

fiber* fiber::current() { return running; }

void fiber::trampoline_entry(void* self_pointer) {
    auto* self = static_cast<fiber*>(self_pointer);
#if defined(LINTEL_ASAN)
    __sanitizer_finish_switch_fiber(nullptr, &self->asan_caller_bottom_, &self->asan_caller_size_);
#endif
    self->entry_(self->argument_);
    self->finished_ = true;
    running = nullptr;
#if defined(LINTEL_ASAN)
    // A null save slot tells AddressSanitizer this fiber's stack is gone for good.
    __sanitizer_start_switch_fiber(nullptr, self->asan_caller_bottom_, self->asan_caller_size_);
#endif
    void* discarded = nullptr;
    lintel_fiber_switch(&discarded, self->caller_stack_pointer_);
    __builtin_unreachable();
}

void fiber::resume() {
    running = this;
#if defined(LINTEL_ASAN)
    void* fake_stack = nullptr;
    __sanitizer_start_switch_fiber(&fake_stack, asan_stack_bottom_, asan_stack_size_);
#endif
    lintel_fiber_switch(&caller_stack_pointer_, stack_pointer_);
#if defined(LINTEL_ASAN)
    __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
    running = nullptr;
}

void fiber::suspend() {
    fiber* self = running;
    running = nullptr;
#if defined(LINTEL_ASAN)
    __sanitizer_start_switch_fiber(&self->asan_fake_stack_, self->asan_caller_bottom_, self->asan_caller_size_);
#endif
    lintel_fiber_switch(&self->stack_pointer_, self->caller_stack_pointer_);
#if defined(LINTEL_ASAN)
    __sanitizer_finish_switch_fiber(self->asan_fake_stack_, &self->asan_caller_bottom_, &self->asan_caller_size_);
#endif
    running = self;
}

}  // namespace lintel::io
