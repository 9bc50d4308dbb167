// Per-core event loops: each loop is one thread running its own asio::io_context. A connection, its requests and
// their module instances live on exactly one loop, so nothing on the request path takes a lock.
#pragma once

#include <asio/io_context.hpp>
#include <memory>
#include <thread>
#include <vector>

namespace lintel::io {

class loop {
public:
    explicit loop(unsigned index);
    loop(const loop&) = delete;
    loop& operator=(const loop&) = delete;

    asio::io_context& context() { return context_; }
    unsigned index() const { return index_; }
    // The loop that runs on the calling thread, or nullptr off-loop.
    static loop* current();

    void start();  // spawns the thread
    void stop();   // asks the context to stop; join() waits
    void join();

private:
    asio::io_context context_;
    std::unique_ptr<asio::executor_work_guard<asio::io_context::executor_type>> work_;
    std::thread thread_;
    unsigned index_;
};

class loop_group {
public:
    explicit loop_group(unsigned count);
    std::vector<std::unique_ptr<loop>>& loops() { return loops_; }
    void start();
    void stop_and_join();

private:
    std::vector<std::unique_ptr<loop>> loops_;
};

}  // namespace lintel::io
