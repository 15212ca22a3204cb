#pragma once
// The text of a timeline's day separator.
#include <QDate>
#include <QString>

namespace palaver::client {

/// Day separators: "Today", "Yesterday", else the date in the user's locale.
class DayLabel
{
public:
    /// The label of `date` as seen on `today`.
    static QString forDate(const QDate& date, const QDate& today);
    /// The local calendar day of a server timestamp (ms since the epoch, UTC).
    static QDate dayOf(qint64 ts);
};

} // namespace palaver::client
