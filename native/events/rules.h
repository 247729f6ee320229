// The event rules, judged on one parsed event. Each rule mirrors the SQL definition with the same id
// in src/data/event-rules*.ts (the DuckDB engine); test/native parity tests hold the two together.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "keys.h"
#include "text.h"

namespace golive {

enum class Kind {
  TypeUppercase, ChannelEnum, LanguageCode, CurrencyCode, BrowserIdUuid, PosPresent, AddProductFields,
  AddQuantity, AddPrice, IdentityIdentifiers, TypeKnown, CheckoutStatus, ConfirmAfterAdd, ExtKeys,
  IdentityProvider, IdentityEmail, IdentityDates, PageScript, ProductNameScript, PosChannel, ExtFillRate,
  OrderTotal,
};

// The rule id -> kind; false for an id this engine does not know.
bool kindOf(const std::string& id, Kind& kind);
// Every rule id this engine knows.
std::vector<std::string> ruleIds();

struct RuleSpec {
  Kind kind;
  std::string subject;  // ext-fill-rate: the extension key
};

// A list of names (declared facts, platform enums): short ones are scanned (most names differ in
// length, so a scan is a few compares), long ones (the judged languages) hashed.
class Set {
 public:
  Set() = default;
  template <typename It>
  Set(It begin, It end) : items_(begin, end) { index(); }
  Set(const Set& o) : items_(o.items_) { index(); }
  Set& operator=(const Set& o) {
    items_ = o.items_;
    index();
    return *this;
  }
  bool empty() const { return items_.empty(); }
  bool has(std::string_view s) const {
    if (!hashed_.empty()) return hashed_.count(s) > 0;
    for (const std::string& item : items_) if (same(item, s)) return true;
    return false;
  }
  const std::vector<std::string>& items() const { return items_; }

 private:
  void index() {
    hashed_.clear();
    if (items_.size() > 32) for (const std::string& item : items_) hashed_.insert(item);
  }
  std::vector<std::string> items_;
  std::unordered_set<std::string_view> hashed_;  // views into items_
};

// Declared facts and platform lists (all from JS, so the lists have one source).
struct Facts {
  Set languages, currencies, pos, identityRules, customEvents, channels, knownTypes, checkoutStatuses;
  Set judged, withLatin;  // languages the script rules judge; those of them written in Latin too
  Set loweredIdentityRules;  // identityRules in lower case (ASCII), to tell a case-only difference
  std::vector<std::pair<std::string, std::string>> posChannels;
  std::vector<std::string> productFields;
  std::string reservedPrefix;
  int64_t maxExtKeys = 50;
};

struct Example {
  int64_t line;
  std::optional<std::string> value;
};

// Events whose verdict JS gives (scripts, non-ASCII case): one entry per distinct (a, b).
struct Deferred {
  std::string a, b;
  int64_t count = 0;
  std::vector<int64_t> lines;  // the first few, in line order
};

struct RuleAcc {
  int64_t applicable = 0, violations = 0;
  std::vector<Example> examples;
  std::unordered_map<std::string, Deferred> deferred;
};

// An ADD or CONFIRM, for confirm-after-add, which is judged in line order when chunks are merged.
struct Journey {
  int64_t line = 0;
  bool add = false;
  bool hasBrowser = false;
  // ADD: the key of (browser_id, item_id), when both are there.
  bool keyed = false;
  Key key;
  // CONFIRM: every item_id, with the key of (browser_id, item_id).
  std::vector<std::optional<std::string>> items;
  std::vector<Key> keys;
};

// One worker's working memory for Judge::event, reused event after event.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

class Judge {
 public:
  Judge(const std::vector<RuleSpec>& rules, const Facts& facts, int examples);
  // Judges one event (a parsed JSON object) at `line` (relative to its chunk) into acc (one per rule).
  void event(simdjson::dom::element obj, int64_t line, std::vector<RuleAcc>& acc, std::vector<Journey>& journey, Scratch& scratch) const;

 private:
  const std::vector<RuleSpec>& rules_;
  const Facts& facts_;
  int examples_;
  bool journeyWanted_;  // confirm-after-add is among the rules: ADDs and CONFIRMs are recorded
};

}  // namespace golive
