#include "server/admin/texttable.h"

namespace palaver::server::admin {
namespace {
// Newlines or tabs in a name would break the alignment of every later row.
QString oneLine(QString cell)
{
    return cell.replace(u'\n', u' ').replace(u'\t', u' ');
}
} // namespace

void TextTable::print(QTextStream& out) const
{
    QList<qsizetype> widths;
    for (const QString& h : m_headers)
        widths.append(h.size());
    for (const QStringList& row : m_rows) {
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], oneLine(row[i]).size());
    }
    const auto line = [&](const QStringList& cells) {
        QString text;
        for (qsizetype i = 0; i < widths.size(); ++i) {
            const QString cell = i < cells.size() ? oneLine(cells[i]) : QString();
            // The last column is not padded: no trailing blanks.
            text += i + 1 < widths.size() ? cell.leftJustified(widths[i] + 2) : cell;
        }
        out << text.trimmed() << '\n';
    };
    line(m_headers);
    for (const QStringList& row : m_rows)
        line(row);
    out.flush();
}

void printFields(QTextStream& out, const QList<std::pair<QString, QString>>& fields)
{
    qsizetype width = 0;
    for (const auto& field : fields)
        width = std::max(width, field.first.size());
    for (const auto& [key, value] : fields)
        out << key.leftJustified(width + 2) << oneLine(value) << '\n';
    out.flush();
}

} // namespace palaver::server::admin
