// Chunked body decoder. See chunked.h for the contract.
#include "http/h1/chunked.h"

#include "http/h1/parser.h"

namespace lintel::h1 {

namespace {

inline int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Allowed inside an extension or a trailer value: HTAB, SP, visible ASCII, obs-text.
inline bool is_field_char(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7F);
}

struct string_sink {
    std::string& out;
    size_t operator()(const char* p, size_t n) {
        out.append(p, n);
        return n;
    }
};

struct buffer_sink {
    char* dst;
    size_t capacity;
    size_t produced = 0;
    size_t operator()(const char* p, size_t n) noexcept {
        const size_t room = capacity - produced;
        const size_t take = n < room ? n : room;
        for (size_t i = 0; i < take; ++i) dst[produced + i] = p[i];
        produced += take;
        return take;
    }
};

}  // namespace

void chunked_decoder::reset() noexcept {
    state_ = state::size;
    remaining_ = 0;
    line_bytes_ = 0;
    trailer_bytes_ = 0;
    decoded_ = 0;
    size_digits_ = false;
    ext_space_ = false;
    ext_semi_ = false;
}

chunked_decoder::step chunked_decoder::decode(std::string_view input, std::string& out) {
    string_sink sink{out};
    return run(input, sink);
}

chunked_decoder::step chunked_decoder::decode(std::string_view input, char* dst, size_t capacity,
                                              size_t& produced) noexcept {
    buffer_sink sink{dst, capacity};
    const step s = run(input, sink);
    produced = sink.produced;
    return s;
}

template <class Sink>
chunked_decoder::step chunked_decoder::run(std::string_view input, Sink& sink) noexcept {
    const char* const data = input.data();
    const size_t n = input.size();
    size_t i = 0;

    auto fail = [&]() {
        state_ = state::error;
        return step{i, false, true};
    };

    while (i < n) {
        const char c = data[i];
        switch (state_) {
        case state::size: {
            const int h = hex_value(c);
            if (h >= 0) {
                if (remaining_ > (UINT64_MAX >> 4)) return fail();  // would overflow 64 bits
                remaining_ = (remaining_ << 4) | static_cast<uint64_t>(h);
                size_digits_ = true;
                if (++line_bytes_ > max_size_line_bytes) return fail();
                ++i;
                break;
            }
            if (!size_digits_) return fail();
            state_ = state::size_ext;  // reprocess c there
            break;
        }
        case state::size_ext:
            if (c == '\r') {
                if (ext_space_ && !ext_semi_) return fail();  // "5 \r\n": BWS must lead to ';'
                state_ = state::size_lf;
            } else if (c == ';') {
                ext_semi_ = true;
            } else if (c == ' ' || c == '\t') {
                if (!ext_semi_) ext_space_ = true;
            } else if (!ext_semi_ || !is_field_char(c)) {
                return fail();  // junk after the size, bare LF, or a control byte
            }
            if (++line_bytes_ > max_size_line_bytes) return fail();
            ++i;
            break;
        case state::size_lf:
            if (c != '\n') return fail();
            ++i;
            line_bytes_ = 0;
            size_digits_ = false;
            ext_space_ = false;
            ext_semi_ = false;
            state_ = remaining_ == 0 ? state::trailer_start : state::data;
            break;
        case state::data: {
            const size_t avail = n - i;
            const size_t want = remaining_ < avail ? static_cast<size_t>(remaining_) : avail;
            const size_t took = sink(data + i, want);
            i += took;
            remaining_ -= took;
            decoded_ += took;
            if (remaining_ == 0) {
                state_ = state::data_cr;
            } else if (took < want) {
                return step{i, false, false};  // output full
            }
            break;
        }
        case state::data_cr:
            if (c != '\r') return fail();
            ++i;
            state_ = state::data_lf;
            break;
        case state::data_lf:
            if (c != '\n') return fail();
            ++i;
            state_ = state::size;
            break;
        case state::trailer_start:
            if (c == '\r') {
                ++i;
                state_ = state::final_lf;
                break;
            }
            if (!is_tchar(static_cast<unsigned char>(c))) return fail();  // includes obs-fold
            state_ = state::trailer_name;
            break;
        case state::trailer_name:
            if (c == ':') {
                state_ = state::trailer_value;
            } else if (!is_tchar(static_cast<unsigned char>(c))) {
                return fail();
            }
            if (++trailer_bytes_ > max_trailer_) return fail();
            ++i;
            break;
        case state::trailer_value:
            if (c == '\r') {
                state_ = state::trailer_lf;
            } else if (!is_field_char(c)) {
                return fail();
            }
            if (++trailer_bytes_ > max_trailer_) return fail();
            ++i;
            break;
        case state::trailer_lf:
            if (c != '\n') return fail();
            if (++trailer_bytes_ > max_trailer_) return fail();
            ++i;
            state_ = state::trailer_start;
            break;
        case state::final_lf:
            if (c != '\n') return fail();
            ++i;
            state_ = state::done;
            return step{i, true, false};
        case state::done:
            return step{i, true, false};
        case state::error:
            return step{i, false, true};
        }
    }
    return step{i, state_ == state::done, state_ == state::error};
}

}  // namespace lintel::h1
