// Incremental decoder for chunked request bodies (RFC 9112 §7.1).
//
// Feed it bytes as they arrive, in pieces of any size (one byte at a time works); it emits the
// payload and stops consuming right after the final CRLF, so bytes of a pipelined next request are
// left to the caller. Chunk extensions are skipped; trailer fields are checked for shape and
// dropped (http.sys does not hand request trailers to IIS modules either).
//
// Framing is strict: every line ends in CRLF (no bare LF, unlike the head parser, because
// disagreeing about chunk boundaries is how request smuggling works), sizes are 1*HEXDIG without
// sign or whitespace before them, and the CRLF after each chunk's data is required.
// An error is final: answer 400 (make_parse_error(error_kind::bad_request)) and close.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lintel::h1 {

class chunked_decoder {
public:
    struct step {
        size_t consumed;  // bytes of `input` used; the rest belongs to the caller
        bool done;        // the final CRLF has been consumed
        bool error;       // malformed body; nothing more will be consumed
    };

    static constexpr size_t default_max_trailer_bytes = 16 * 1024;
    // Longest chunk-size line, extensions included (without its CRLF).
    static constexpr size_t max_size_line_bytes = 4 * 1024;

    explicit chunked_decoder(size_t max_trailer_bytes = default_max_trailer_bytes) noexcept
        : max_trailer_(max_trailer_bytes) {}

    // Appends decoded payload to `out`.
    step decode(std::string_view input, std::string& out);

    // Writes decoded payload into dst[0, capacity); `produced` receives the byte count. Stops early
    // when dst is full (consumed < input.size() with neither done nor error): call again with room.
    step decode(std::string_view input, char* dst, size_t capacity, size_t& produced) noexcept;

    // Back to the initial state, for the next body.
    void reset() noexcept;

    bool done() const noexcept { return state_ == state::done; }
    bool failed() const noexcept { return state_ == state::error; }
    // Payload bytes emitted since construction / reset.
    uint64_t decoded_bytes() const noexcept { return decoded_; }
    // True while inside chunk data (the payload is still flowing, more is certainly expected).
    bool in_chunk_data() const noexcept { return state_ == state::data; }

private:
    enum class state : uint8_t {
        size,          // chunk-size hex digits
        size_ext,      // after the digits: BWS, ";" extensions, up to CR
        size_lf,       // LF after the size line
        data,          // chunk payload
        data_cr,       // CR after the payload
        data_lf,       // LF after the payload
        trailer_start, // start of a trailer line, or the CR of the final empty line
        trailer_name,
        trailer_value,
        trailer_lf,
        final_lf,      // LF of the final empty line
        done,
        error,
    };

    template <class Sink>
    step run(std::string_view input, Sink& sink) noexcept;

    size_t max_trailer_;
    state state_ = state::size;
    uint64_t remaining_ = 0;   // chunk-size being read, then bytes left in the chunk
    size_t line_bytes_ = 0;    // bytes of the current size line
    size_t trailer_bytes_ = 0; // bytes of trailer section so far
    uint64_t decoded_ = 0;
    bool size_digits_ = false; // at least one hex digit seen
    bool ext_space_ = false;   // BWS seen after the digits
    bool ext_semi_ = false;    // ';' seen after the digits
};

}  // namespace lintel::h1
