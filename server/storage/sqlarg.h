#pragma once
#include <QByteArray>
#include <QString>
#include <array>
#include <variant>

namespace palaver::server {

/// A bound value of SqlConnection::runInts: NULL, an integer, text or a blob (the types
/// QtSql binds for QVariant(), qint64, QString and QByteArray).
using SqlArg = std::variant<std::monostate, qint64, QString, QByteArray>;

/// A row of integer columns (what RETURNING and the hot SELECTs give back).
struct IntRow
{
    std::array<qint64, 8> values {};
    qint64 operator[](int column) const { return values[size_t(column)]; }
};

} // namespace palaver::server
