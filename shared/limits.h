#pragma once
// Protocol v1 limits that both sides validate against.
#include <QtGlobal>

namespace palaver::limits {
inline constexpr int protocolVersion = 1;
inline constexpr int maxText = 4000; ///< Unicode characters after trimming
inline constexpr int historyPage = 200; ///< most events one history/sync page holds
inline constexpr int historyDefault = 50;
inline constexpr int maxIdLength = 64;
inline constexpr int minUsername = 3;
inline constexpr int maxUsername = 32;
inline constexpr int minPassword = 8;
inline constexpr int maxPassword = 1024; ///< bounds the hashing work one request can cause
inline constexpr int maxDisplayName = 64;
inline constexpr int maxDevice = 64;
inline constexpr int maxToken = 256;
inline constexpr int maxRoomName = 100;
inline constexpr int maxTopic = 500;
inline constexpr int maxInitialMembers = 1000;
inline constexpr int maxMentions = 100;
inline constexpr int maxAttachments = 10;
inline constexpr int maxEmoji = 32;
inline constexpr int maxQuery = 100;
inline constexpr int directoryDefault = 50;
inline constexpr int usersDefault = 20;
inline constexpr int searchDefault = 20;
inline constexpr int listMax = 200;
inline constexpr int maxCursors = 10000;
inline constexpr qint64 maxSafeInteger = 9007199254740991LL; ///< 2^53 - 1: exact in a double
inline constexpr int maxFrameBytes = 64 * 1024;
} // namespace palaver::limits
