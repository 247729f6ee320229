#include "rules.h"

#include "checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace golive {

namespace {

using simdjson::dom::array;
using simdjson::dom::object;

const std::pair<const char*, Kind> KINDS[] = {
  {"events/type-uppercase", Kind::TypeUppercase}, {"events/channel-enum", Kind::ChannelEnum},
  {"events/language-code", Kind::LanguageCode}, {"events/currency-code", Kind::CurrencyCode},
  {"events/browser-id-uuid", Kind::BrowserIdUuid}, {"events/pos-present", Kind::PosPresent},
  {"events/add-product-fields", Kind::AddProductFields}, {"events/add-quantity", Kind::AddQuantity},
  {"events/add-price", Kind::AddPrice}, {"events/identity-identifiers", Kind::IdentityIdentifiers},
  {"events/type-known", Kind::TypeKnown}, {"events/checkout-status", Kind::CheckoutStatus},
  {"events/confirm-after-add", Kind::ConfirmAfterAdd}, {"events/ext-keys", Kind::ExtKeys},
  {"events/identity-provider", Kind::IdentityProvider}, {"events/identity-email", Kind::IdentityEmail},
  {"events/identity-dates", Kind::IdentityDates}, {"events/page-script", Kind::PageScript},
  {"events/product-name-script", Kind::ProductNameScript}, {"events/pos-channel", Kind::PosChannel},
  {"events/ext-fill-rate", Kind::ExtFillRate}, {"events/order-total", Kind::OrderTotal},
};

// Top-level keys the rules read (EVENT_KEYS in event-rules-fields.ts).
enum Field { TYPE, CHANNEL, LANGUAGE, CURRENCY, BROWSER_ID, POS, PAGE, STATUS, EMAIL, DOB, EXT, PRODUCT, IDENTIFIERS, ORDER, FIELDS };
constexpr std::string_view FIELD_NAMES[FIELDS] = {
  "type", "channel", "language", "currency", "browser_id", "pos", "page", "status", "email", "dob", "ext", "product", "identifiers", "order",
};

struct Event {
  bool has[FIELDS] = {};
  element v[FIELDS];
  mutable bool read[FIELDS] = {};
  mutable Text texts[FIELDS];
  // A present, non-null value (SQL NULL otherwise, as from_json gives it).
  bool value(Field f, element& out) const {
    if (!has[f] || v[f].type() == element_type::NULL_VALUE) return false;
    out = v[f];
    return true;
  }
  // The field as VARCHAR, read once per event.
  const Text& text(Field f) const {
    if (!read[f]) {
      read[f] = true;
      Text& t = texts[f];
      if (has[f] && v[f].type() == element_type::STRING) {
        // The common case, without a temporary: a view into the parsed line.
        t.null = false;
        t.owned.clear();
        t.view = std::string_view(v[f]);
      } else {
        t = has[f] ? varcharOf(v[f]) : Text();
      }
    }
    return texts[f];
  }
  // Ready for the next event (kept per thread, so its texts keep their buffers).
  void reset() {
    std::fill(std::begin(has), std::end(has), false);
    std::fill(std::begin(read), std::end(read), false);
  }
};

// The field a key names, or -1. Length and first letter tell the fields apart (checked below), so one
// comparison settles each key.
struct FieldTable {
  int8_t at[12][26] = {};
  constexpr FieldTable() {
    for (auto& row : at) for (auto& cell : row) cell = -1;
    for (int i = 0; i < FIELDS; i++) at[FIELD_NAMES[i].size()][FIELD_NAMES[i][0] - 'a'] = int8_t(i);
  }
};
constexpr FieldTable FIELD_TABLE;
constexpr bool distinctFields() {
  for (int i = 0; i < FIELDS; i++) {
    if (FIELD_TABLE.at[FIELD_NAMES[i].size()][FIELD_NAMES[i][0] - 'a'] != i) return false;
  }
  return true;
}
static_assert(distinctFields(), "two event fields share a length and first letter: extend FieldTable");

int fieldOf(std::string_view key) {
  if (key.size() >= 12 || key.empty() || key[0] < 'a' || key[0] > 'z') return -1;
  int f = FIELD_TABLE.at[key.size()][key[0] - 'a'];
  return f >= 0 && same(key, FIELD_NAMES[f]) ? f : -1;
}

bool in(const Set& set, const Text& t) { return !t.null && set.has(t.view); }
// Elements of an array value (none when it is not one).
std::vector<element> elements(const Event& ev, Field f) {
  std::vector<element> out;
  element v;
  if (ev.value(f, v) && v.type() == element_type::ARRAY) for (element x : array(v)) out.push_back(x);
  return out;
}

// json_extract_string(list, '$[*].key'): the objects holding key, in order (JSON null as NULL).
std::vector<Text> keyOfEach(const std::vector<element>& list, std::string_view key) {
  std::vector<Text> out;
  for (element x : list) {
    element v;
    if (member(x, key, v)) out.push_back(extractOf(v));
  }
  return out;
}

}  // namespace

bool kindOf(const std::string& id, Kind& kind) {
  for (auto& [name, k] : KINDS) if (id == name) { kind = k; return true; }
  return false;
}

std::vector<std::string> ruleIds() {
  std::vector<std::string> ids;
  for (auto& [name, k] : KINDS) ids.emplace_back(name);
  return ids;
}

namespace {

// What one rule says of one event.
struct Verdict {
  bool applies = false;
  bool violates = false;
  bool deferred = false;  // JS decides; a, b are its inputs (valid while the event is judged)
  std::string_view a, b;
};

class Run {
 public:
  Run(const Event& ev, const Facts& facts)
      : ev_(ev), facts_(facts), type_(ev.text(TYPE)), add_(type_.is("ADD")), identity_(type_.is("IDENTITY")),
        confirm_(type_.is("CONFIRM")), checkout_(type_.is("CHECKOUT")) {}
  Verdict judge(const RuleSpec& rule, bool wantValue, std::optional<std::string>& value) const;
  const Text& type() const { return type_; }

 private:
  Verdict codeRule(Field f, size_t letters, const Set& list, std::optional<std::string>& value) const;
  Verdict scriptRule(const Text& text, bool wantValue) const;
  void identity(Kind kind, Verdict& out, bool wantValue, std::optional<std::string>& value) const;
  void order(Verdict& out, bool wantValue, std::optional<std::string>& value) const;
  const Event& ev_;
  const Facts& facts_;
  const Text& type_;
  bool add_, identity_, confirm_, checkout_;
  mutable Text productName_;
  mutable bool codeRead_ = false;
  mutable std::string code_;  // language_code, once per event
};

std::optional<std::string> some(const Text& t) {
  if (t.null) return std::nullopt;
  return std::string(t.view);
}

Verdict Run::codeRule(Field f, size_t letters, const Set& list, std::optional<std::string>& value) const {
  const Text& t = ev_.text(f);
  Verdict out;
  out.applies = true;
  out.violates = t.null || !upperLetters(t.view, letters) || (!list.empty() && !in(list, t));
  if (out.violates) value = some(t);
  return out;
}

Verdict Run::scriptRule(const Text& text, bool) const {
  Verdict out;
  const Text& language = ev_.text(LANGUAGE);
  if (text.null || trimSpaces(text.view).empty() || language.null) return out;
  if (!codeRead_) {
    codeRead_ = true;
    code_ = languageCode(language.view);
  }
  const std::string& code = code_;
  if (!facts_.judged.has(code)) return out;
  out.applies = true;
  bool ascii = isAscii(text.view);
  if (ascii) {
    bool letter = std::any_of(text.view.begin(), text.view.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
    if (facts_.withLatin.has(code) || !letter) return out;
  }
  out.deferred = true;
  out.a = text.view;
  out.b = language.view;
  return out;
}

void Run::identity(Kind kind, Verdict& out, bool, std::optional<std::string>& value) const {
  std::vector<element> ids = elements(ev_, IDENTIFIERS);
  if (kind == Kind::IdentityProvider) {
    out.applies = !facts_.identityRules.empty();
    if (!out.applies) return;
    std::vector<std::string> shown;
    for (const Text& p : keyOfEach(ids, "provider")) {
      if (p.null || in(facts_.identityRules, p)) continue;
      shown.push_back(std::string(p.view) + (facts_.loweredIdentityRules.has(asciiLower(p.view)) ? " (differs only in case)" : " (not a declared identity rule)"));
    }
    out.violates = !shown.empty();
    if (out.violates) value = join(shown, ", ");
    return;
  }
  std::vector<std::string> list, bad;
  for (element x : ids) {
    if (kind == Kind::IdentityEmail) {
      Text provider = extractKey(x, "provider"), id = extractKey(x, "id");
      if (!provider.null && !id.null && asciiLower(provider.view).find("email") != std::string::npos) list.emplace_back(id.view);
    } else {
      Text date = extractKey(x, "expiry_date");
      if (date.null) date = extractKey(x, "expiryDate");
      if (!date.null) list.emplace_back(date.view);
    }
  }
  const Text& own = ev_.text(kind == Kind::IdentityEmail ? EMAIL : DOB);
  if (!own.null && !(kind == Kind::IdentityEmail && own.view.empty())) list.emplace_back(own.view);
  out.applies = !list.empty();
  for (auto& v : list) if (!(kind == Kind::IdentityEmail ? isEmail(v) : isIdentityDate(v))) bad.push_back(v);
  out.violates = !bad.empty();
  if (out.violates) value = join(bad, ", ");
}

void Run::order(Verdict& out, bool wantValue, std::optional<std::string>& value) const {
  element o;
  if (!ev_.value(ORDER, o) || o.type() != element_type::OBJECT) return;
  out.applies = true;
  element itemsValue;
  bool itemsArray = member(o, "orderItems", itemsValue) && itemsValue.type() == element_type::ARRAY;
  std::vector<element> items;
  if (itemsArray) for (element x : array(itemsValue)) items.push_back(x);
  bool numeric = !items.empty();
  double total = 0;
  for (element x : items) {
    element price, quantity;
    bool hasPrice = member(x, "price", price), hasQuantity = member(x, "quantity", quantity);
    if (!hasPrice || !isNumberType(price) || (hasQuantity && !isNumberType(quantity))) numeric = false;
    if (numeric) total += double(price) * (hasQuantity ? double(quantity) : 1.0);
  }
  element price;
  bool priced = member(o, "price", price) && isNumberType(price);
  bool totalOff = priced && numeric && std::fabs(total - double(price)) > 0.01 + 1e-9;
  Text currency = extractKey(o, "currencyCode");
  std::vector<std::string> others;
  for (const Text& c : keyOfEach(items, "currencyCode")) {
    if (c.null || (!currency.null && c.view == currency.view)) continue;
    if (std::find(others.begin(), others.end(), c.view) == others.end()) others.emplace_back(c.view);
  }
  bool currencyOff = itemsArray && !others.empty();
  out.violates = totalOff || currencyOff;
  if (!out.violates || !wantValue) return;
  std::vector<std::string> parts;
  if (totalOff) {
    char sum[64];
    std::snprintf(sum, sizeof sum, "%.2f", total);
    parts.push_back("order.price " + std::string(extractOf(price).view) + " but items sum to " + sum);
  }
  if (currencyOff) {
    std::sort(others.begin(), others.end());
    parts.push_back("item currencyCode " + join(others, ", ") + " in an order in " + (currency.null ? std::string("(no currencyCode)") : std::string(currency.view)));
  }
  value = join(parts, "; ");
}

Verdict Run::judge(const RuleSpec& rule, bool wantValue, std::optional<std::string>& value) const {
  Verdict out;
  switch (rule.kind) {
    case Kind::TypeUppercase: {
      out.applies = true;
      if (type_.null || type_.view.empty()) {
        out.violates = true;
        value = some(type_);
        break;
      }
      bool lower = std::any_of(type_.view.begin(), type_.view.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (lower) out.violates = true;
      else if (!isAscii(type_.view)) { out.deferred = true; out.a = type_.view; }
      if (out.violates) value = some(type_);
      break;
    }
    case Kind::ChannelEnum: {
      const Text& channel = ev_.text(CHANNEL);
      out.applies = true;
      out.violates = !in(facts_.channels, channel);
      if (out.violates) value = some(channel);
      break;
    }
    case Kind::LanguageCode: return codeRule(LANGUAGE, 2, facts_.languages, value);
    case Kind::CurrencyCode: return codeRule(CURRENCY, 3, facts_.currencies, value);
    case Kind::BrowserIdUuid: {
      const Text& id = ev_.text(BROWSER_ID);
      out.applies = true;
      out.violates = id.null || !isUuid(id.view);
      if (out.violates) value = some(id);
      break;
    }
    case Kind::PosPresent: {
      const Text& pos = ev_.text(POS);
      out.applies = true;
      out.violates = pos.null || trimSpaces(pos.view).empty() || (!facts_.pos.empty() && !in(facts_.pos, pos));
      if (out.violates) value = some(pos);
      break;
    }
    case Kind::AddProductFields: {
      if (!add_) break;
      out.applies = true;
      element product;
      bool isObject = ev_.value(PRODUCT, product) && product.type() == element_type::OBJECT;
      std::vector<std::string> missing;
      for (auto& k : facts_.productFields) if (!isObject || extractKey(product, k).empty()) missing.push_back(k);
      out.violates = !isObject || !missing.empty();
      if (out.violates) value = missing.empty() ? std::string("product is not an object") : join(missing, ",");
      break;
    }
    case Kind::AddQuantity:
    case Kind::AddPrice: {
      if (!add_) break;
      out.applies = true;
      element product, v;
      bool has = ev_.value(PRODUCT, product) && member(product, rule.kind == Kind::AddQuantity ? "quantity" : "price", v);
      if (rule.kind == Kind::AddQuantity) out.violates = !has || !isIntegerType(v) || (v.type() == element_type::INT64 && int64_t(v) <= 0);
      else out.violates = !has || !isNumberType(v);
      if (out.violates && has) value = jsonOf(v);
      break;
    }
    case Kind::IdentityIdentifiers: {
      if (!identity_) break;
      out.applies = true;
      element ids;
      if (!ev_.value(IDENTIFIERS, ids) || ids.type() != element_type::ARRAY) { out.violates = true; }
      else {
        std::vector<element> list = elements(ev_, IDENTIFIERS);
        auto filled = [&](std::string_view key) {
          size_t n = 0;
          for (const Text& t : keyOfEach(list, key)) if (!t.empty()) n++;
          return n;
        };
        out.violates = list.empty() || filled("id") < list.size() || filled("provider") < list.size();
      }
      if (out.violates && ev_.value(IDENTIFIERS, ids)) value = jsonOf(ids);
      break;
    }
    case Kind::TypeKnown: {
      if (type_.null) break;
      out.applies = true;
      bool prefixed = type_.view.substr(0, facts_.reservedPrefix.size()) == facts_.reservedPrefix;
      out.violates = prefixed || (!in(facts_.knownTypes, type_) && !facts_.customEvents.empty() && !in(facts_.customEvents, type_));
      if (out.violates) value = std::string(type_.view) + (prefixed ? " (reserved " + facts_.reservedPrefix + " prefix)" : std::string(" (not a platform type or declared custom event)"));
      break;
    }
    case Kind::CheckoutStatus: {
      if (!checkout_) break;
      out.applies = true;
      const Text& status = ev_.text(STATUS);
      out.violates = !in(facts_.checkoutStatuses, status);
      if (out.violates) value = status.null ? std::string("(missing)") : std::string(status.view);
      break;
    }
    case Kind::ConfirmAfterAdd: out.applies = confirm_; break;  // judged when chunks are merged
    case Kind::ExtKeys: {
      element ext;
      if (!ev_.value(EXT, ext)) break;
      out.applies = true;
      bool isObject = ext.type() == element_type::OBJECT;
      int64_t keys = isObject ? flattenedKeys(ext) : 0;
      out.violates = !isObject || keys > facts_.maxExtKeys;
      if (out.violates) value = isObject ? std::to_string(keys) + " keys" : std::string("ext is not an object");
      break;
    }
    case Kind::IdentityProvider:
    case Kind::IdentityEmail:
    case Kind::IdentityDates:
      if (identity_) identity(rule.kind, out, wantValue, value);
      break;
    case Kind::PageScript: return scriptRule(ev_.text(PAGE), wantValue);
    case Kind::ProductNameScript: {
      if (!add_) break;
      element product;
      productName_ = ev_.value(PRODUCT, product) ? extractKey(product, "name") : Text();
      return scriptRule(productName_, wantValue);  // the verdict may point into productName_
    }
    case Kind::PosChannel: {
      const Text& pos = ev_.text(POS);
      if (pos.null) break;
      for (auto& [name, channel] : facts_.posChannels) {
        if (name != pos.view) continue;
        out.applies = true;
        const Text& actual = ev_.text(CHANNEL);
        out.violates = actual.null || actual.view != channel;
        if (out.violates) value = (actual.null ? std::string("(missing)") : std::string(actual.view)) + " (" + name + " is declared " + channel + ")";
        break;
      }
      break;
    }
    case Kind::ExtFillRate: {
      out.applies = true;
      element ext, v;
      bool hasExt = ev_.value(EXT, ext);
      if (hasExt && member(ext, rule.subject, v) && v.type() != element_type::NULL_VALUE) {
        out.violates = emptyValue(v);
      } else {
        out.violates = true;
      }
      if (out.violates) value = hasExt ? "no ext." + rule.subject : std::string("no ext object");
      break;
    }
    case Kind::OrderTotal: order(out, wantValue, value); break;
  }
  return out;
}

// The items a CONFIRM names (JOURNEY_ITEMS): an array's item_ids (elements without one are skipped),
// an object's item_id, nothing for anything else.
std::vector<std::optional<std::string>> confirmItems(const Event& ev) {
  std::vector<std::optional<std::string>> items;
  element product;
  if (!ev.value(PRODUCT, product)) return items;
  if (product.type() == element_type::ARRAY) {
    for (element x : array(product)) {
      element id;
      if (member(x, "item_id", id)) items.push_back(some(extractOf(id)));
    }
  } else if (product.type() == element_type::OBJECT) {
    items.push_back(some(extractKey(product, "item_id")));
  }
  return items;
}

}  // namespace

struct Scratch::Impl {
  Event event;
  std::string key;  // a deferred verdict's (a, b) key
};
Scratch::Scratch() : impl_(std::make_unique<Impl>()) {}
Scratch::~Scratch() = default;

Judge::Judge(const std::vector<RuleSpec>& rules, const Facts& facts, int examples)
    : rules_(rules), facts_(facts), examples_(examples),
      journeyWanted_(std::any_of(rules.begin(), rules.end(), [](const RuleSpec& r) { return r.kind == Kind::ConfirmAfterAdd; })) {}

void Judge::event(element obj, int64_t line, std::vector<RuleAcc>& acc, std::vector<Journey>& journey, Scratch& scratch) const {
  Event& ev = scratch.impl().event;
  std::string& key = scratch.impl().key;
  ev.reset();
  for (auto field : object(obj)) {
    int f = fieldOf(field.key);
    if (f >= 0 && !ev.has[f]) { ev.has[f] = true; ev.v[f] = field.value; }
  }
  Run run(ev, facts_);
  for (size_t i = 0; i < rules_.size(); i++) {
    RuleAcc& a = acc[i];
    std::optional<std::string> value;
    bool wantValue = int(a.examples.size()) < examples_;
    Verdict v = run.judge(rules_[i], wantValue, value);
    if (!v.applies) continue;
    a.applicable++;
    if (v.deferred) {
      key.assign(v.a).push_back('\0');
      key.append(v.b);
      auto it = a.deferred.find(key);
      if (it == a.deferred.end()) it = a.deferred.emplace(key, Deferred{std::string(v.a), std::string(v.b), 0, {}}).first;
      it->second.count++;
      if (int(it->second.lines.size()) < examples_) it->second.lines.push_back(line);
      continue;
    }
    if (!v.violates) continue;
    a.violations++;
    if (wantValue) a.examples.push_back({line, std::move(value)});
  }
  const Text& type = run.type();
  if (!journeyWanted_ || !(type.is("ADD") || type.is("CONFIRM"))) return;
  Journey j;
  j.line = line;
  j.add = type.is("ADD");
  const Text& browser = ev.text(BROWSER_ID);
  j.hasBrowser = !browser.null;
  if (j.add) {
    element product;
    Text item = ev.value(PRODUCT, product) ? extractKey(product, "item_id") : Text();
    if (j.hasBrowser && !item.null) { j.keyed = true; j.key = journeyKey(browser.view, item.view); }
  } else {
    j.items = confirmItems(ev);
    for (auto& item : j.items) j.keys.push_back(j.hasBrowser && item.has_value() ? journeyKey(browser.view, *item) : Key{});
  }
  journey.push_back(std::move(j));
}

}  // namespace golive
