#pragma once
// hiredis's own Qt adapter (RedisQtAdapter). Its header says `private slots:`, which does not
// parse under QT_NO_KEYWORDS, so it is included here with `slots` spelled for it. Its moc code
// is compiled in the small palaver-hiredis-qt target (server/CMakeLists.txt), which builds
// without QT_NO_KEYWORDS; Q_SLOTS and slots expand to the same tokens, so both translation
// units see one class.
//
// Two traps of this adapter that RedisLink works around:
// - its destructor writes to the context it was last given, even when hiredis freed that
//   context long ago, so the adapter is always re-pointed at a context of our own ("parked")
//   once hiredis lets go of the real one;
// - its notifiers are only deleted through the context's cleanup hook.
#include <QObject>
#include <hiredis/async.h>

#define slots Q_SLOTS
#include <hiredis/adapters/qt.h>
#undef slots
