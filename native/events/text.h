// Text forms of JSON values, as the DuckDB engine's SQL sees them, so both engines show the same
// example values: `varcharOf` is a field read into a VARCHAR (from_json), `extractOf` is `->>`
// (json_extract_string) and `jsonOf` is a JSON value cast to text (yyjson's minified writer).
#pragma once
#include <simdjson.h>
#include <string>
#include <string_view>

namespace golive {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Equal bytes; inline for the short names and codes compared per event (no call to memcmp).
inline bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) if (a[i] != b[i]) return false;
  return true;
}

// A text that may be SQL NULL. Strings are views into the parser's buffer; other values are rendered.
struct Text {
  bool null = true;
  std::string_view view;
  std::string owned;
  Text() = default;
  explicit Text(std::string_view v) : null(false), view(v) {}
  explicit Text(std::string s) : null(false), owned(std::move(s)) { view = owned; }
  Text(const Text& o) : null(o.null), owned(o.owned) { view = o.owned.empty() ? o.view : std::string_view(owned); }
  Text(Text&& o) noexcept : null(o.null), owned(std::move(o.owned)) { view = owned.empty() ? o.view : std::string_view(owned); }
  Text& operator=(const Text& o) { if (this != &o) { null = o.null; owned = o.owned; view = o.owned.empty() ? o.view : std::string_view(owned); } return *this; }
  Text& operator=(Text&& o) noexcept { if (this != &o) { null = o.null; owned = std::move(o.owned); view = owned.empty() ? o.view : std::string_view(owned); } return *this; }
  bool is(std::string_view s) const { return !null && same(view, s); }
  bool empty() const { return null || view.empty(); }
};

bool isNumberType(element e);   // UBIGINT, BIGINT or DOUBLE
bool isIntegerType(element e);  // UBIGINT or BIGINT

// Minified JSON text (yyjson's writer: keys in order, only required escapes, doubles shortest with ".0").
void writeJson(element e, std::string& out);
std::string jsonOf(element e);

// A value read as VARCHAR: strings as they are, JSON null as NULL, doubles as DuckDB casts them.
Text varcharOf(element e);
// `->>`: strings as they are, JSON null as NULL, anything else as its JSON text.
Text extractOf(element e);

// obj[key] when obj is an object holding key (the first one when a key repeats).
bool member(element obj, std::string_view key, element& out);
// `->>'$.key'` on a value that may not be an object: NULL unless it is an object with the key.
Text extractKey(element obj, std::string_view key);

}  // namespace golive
