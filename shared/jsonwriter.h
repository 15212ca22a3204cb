#pragma once
// Compact JSON written straight into bytes, for the frames that leave the server thousands of
// times a second (ack, event push): building a QJsonObject and serialising it cost about a
// fifth of the server's CPU under load. The output parses to the same object as the
// QJsonObject path (tests/unit/shared/tst_jsonwriter.cpp checks every event kind); only the
// order of keys may differ.
#include <QByteArray>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>

namespace palaver {

class JsonWriter
{
public:
    explicit JsonWriter(qsizetype reserve = 256) { m_out.reserve(reserve); }

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    /// The next member's key (inside an object): a protocol constant, written as it is.
    void key(QLatin1String name);
    /// A key that comes from data (room ids in has_more), escaped like any string.
    void key(const QString& name);

    void value(const QString& text);
    void value(qint64 number);
    void value(bool flag);
    /// Any JSON value; objects and arrays through QJsonDocument (rare: attachments).
    void value(const QJsonValue& v);

    template <class T> void member(QLatin1String name, const T& v)
    {
        key(name);
        value(v);
    }

    QByteArray take() { return std::move(m_out); }

private:
    void separate();
    void string(const QByteArray& utf8);

    QByteArray m_out;
    // Whether the innermost open object or array already has an element; events nest three
    // levels at most (push → event → attachment), so a small fixed stack is enough.
    bool m_hasElement[16] = {};
    int m_depth = 0;
    bool m_afterKey = false;
};

} // namespace palaver
