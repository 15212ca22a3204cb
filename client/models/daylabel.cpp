#include "client/models/daylabel.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace palaver::client {

QString DayLabel::forDate(const QDate& date, const QDate& today)
{
    if (date == today)
        return QCoreApplication::translate("DayLabel", "Today");
    if (date == today.addDays(-1))
        return QCoreApplication::translate("DayLabel", "Yesterday");
    // The year only when it is not this one: that is what people write.
    const QString format = date.year() == today.year() ? QStringLiteral("dddd, d MMMM")
                                                       : QStringLiteral("d MMMM yyyy");
    return QLocale().toString(date, format);
}

QDate DayLabel::dayOf(qint64 ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts).toLocalTime().date();
}

} // namespace palaver::client
