#include "io/loop.h"

namespace lintel::io {

namespace {
thread_local loop* current_loop = nullptr;
}

loop::loop(unsigned index) : context_(1), index_(index) {}

loop* loop::current() { return current_loop; }

void loop::start() {
    work_ = std::make_unique<asio::executor_work_guard<asio::io_context::executor_type>>(
        context_.get_executor());
    thread_ = std::thread([this] {
        current_loop = this;
        context_.run();
        current_loop = nullptr;
    });
}

void loop::stop() {
    work_.reset();
    context_.stop();
}

void loop::join() {
    if (thread_.joinable()) {
        thread_.join();
    }
}

loop_group::loop_group(unsigned count) {
    for (unsigned i = 0; i < count; ++i) {
        loops_.push_back(std::make_unique<loop>(i));
    }
}

void loop_group::start() {
    for (auto& l : loops_) {
        l->start();
    }
}

void loop_group::stop_and_join() {
    for (auto& l : loops_) {
        l->stop();
    }
    for (auto& l : loops_) {
        l->join();
    }
}

}  // namespace lintel::io
