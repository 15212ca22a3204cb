#pragma once
// Every JSON key of protocol v1, in one place: no key literal appears anywhere else.
#include <QLatin1String>

namespace palaver::keys {
inline constexpr QLatin1String type {"type"};
inline constexpr QLatin1String id {"id"};
inline constexpr QLatin1String re {"re"};
inline constexpr QLatin1String code {"code"};
inline constexpr QLatin1String message {"message"};
inline constexpr QLatin1String retryAfterMs {"retry_after_ms"};

// Authentication
inline constexpr QLatin1String protocol {"protocol"};
inline constexpr QLatin1String username {"username"};
inline constexpr QLatin1String password {"password"};
inline constexpr QLatin1String displayName {"display_name"};
inline constexpr QLatin1String device {"device"};
inline constexpr QLatin1String token {"token"};
inline constexpr QLatin1String user {"user"};
inline constexpr QLatin1String server {"server"};
inline constexpr QLatin1String version {"version"};
inline constexpr QLatin1String limits {"limits"};
inline constexpr QLatin1String maxText {"max_text"};
inline constexpr QLatin1String ratePerS {"rate_per_s"};
inline constexpr QLatin1String burst {"burst"};
inline constexpr QLatin1String historyPage {"history_page"};

// Rooms
inline constexpr QLatin1String room {"room"};
inline constexpr QLatin1String rooms {"rooms"};
inline constexpr QLatin1String kind {"kind"};
inline constexpr QLatin1String name {"name"};
inline constexpr QLatin1String topic {"topic"};
inline constexpr QLatin1String createdTs {"created_ts"};
inline constexpr QLatin1String lastSeq {"last_seq"};
inline constexpr QLatin1String lastEvent {"last_event"};
inline constexpr QLatin1String members {"members"};
inline constexpr QLatin1String lastReadSeq {"last_read_seq"};
inline constexpr QLatin1String unread {"unread"};
inline constexpr QLatin1String mentions {"mentions"};
inline constexpr QLatin1String role {"role"};
inline constexpr QLatin1String query {"query"};
inline constexpr QLatin1String limit {"limit"};
inline constexpr QLatin1String users {"users"};
inline constexpr QLatin1String presence {"presence"};
inline constexpr QLatin1String lastSeen {"last_seen"};

// Events
inline constexpr QLatin1String seq {"seq"};
inline constexpr QLatin1String ts {"ts"};
inline constexpr QLatin1String sender {"sender"};
inline constexpr QLatin1String text {"text"};
inline constexpr QLatin1String clientMid {"client_mid"};
inline constexpr QLatin1String replyTo {"reply_to"};
inline constexpr QLatin1String target {"target"};
inline constexpr QLatin1String emoji {"emoji"};
inline constexpr QLatin1String on {"on"};
inline constexpr QLatin1String duplicate {"duplicate"};
inline constexpr QLatin1String before {"before"};
inline constexpr QLatin1String after {"after"};
inline constexpr QLatin1String events {"events"};
inline constexpr QLatin1String event {"event"};
inline constexpr QLatin1String hasMore {"has_more"};
inline constexpr QLatin1String cursors {"cursors"};
inline constexpr QLatin1String deleted {"deleted"};

// Realtime state
inline constexpr QLatin1String active {"active"};
inline constexpr QLatin1String status {"status"};

// Rich messaging
inline constexpr QLatin1String attachments {"attachments"};
inline constexpr QLatin1String fileId {"file_id"};
inline constexpr QLatin1String mime {"mime"};
inline constexpr QLatin1String size {"size"};
inline constexpr QLatin1String sha256 {"sha256"};
} // namespace palaver::keys
