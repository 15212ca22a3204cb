#pragma once
#include <QStringList>
#include <QTextStream>

namespace palaver::server::admin {

/// Columns aligned to their widest cell, for the admin commands' listings.
class TextTable
{
public:
    explicit TextTable(QStringList headers)
        : m_headers(std::move(headers))
    { }
    void addRow(QStringList cells) { m_rows.append(std::move(cells)); }
    qsizetype rowCount() const { return m_rows.size(); }
    void print(QTextStream& out) const;

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
};

/// "key   value" lines with the keys padded to one width.
void printFields(QTextStream& out, const QList<std::pair<QString, QString>>& fields);

} // namespace palaver::server::admin
