#pragma once
// One generator connection: requests with callbacks by id, answers matched by `re`, every
// other frame to onPush. Parsing is minimal on purpose: the generator shares the cores with
// the server it measures.
#include "websocketlink.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <functional>

class BenchClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QJsonObject&)>;
    explicit BenchClient(QObject* parent = nullptr);

    /// Connects (from `source` unless it is null) and calls `connected` once the WebSocket is up.
    void open(const QUrl& url, const QHostAddress& source, std::function<void()> connected);
    void request(QJsonObject frame, Callback answered);
    using RawCallback = std::function<void(const QByteArray&)>;
    /// As request(), but the answer arrives unparsed (for answers of hundreds of events).
    void requestRaw(QJsonObject frame, RawCallback answered);
    /// Drops the connection without a close frame; no callback runs afterwards.
    void abort();
    bool isOpen() const { return m_link.isOpen(); }
    /// Drops, unparsed, every frame that contains `marker` (e.g. `"type":"badge"`): the
    /// generator then spends no time on pushes a scenario does not look at. Matching the
    /// server's compact output is an optimisation only: a frame it misses is parsed as usual.
    void ignoreFramesContaining(const QByteArray& marker) { m_ignore = marker; }
    /// Requests sent and not answered yet.
    int pending() const { return int(m_pending.size() + m_rawPending.size()); }

    std::function<void(const QJsonObject&)> onPush;
    /// Sees every push first, unparsed; returns true when it handled it (then onPush does not
    /// run). For scenarios that read a field or two of thousands of pushes a second.
    std::function<bool(const QByteArray&)> onRawPush;
    /// The integer after `key` (e.g. `"seq":`) in a compact JSON frame, or -1.
    static qint64 scanInteger(const QByteArray& text, QByteArrayView key);
    /// The type of a frame that begins with `{"type":"…"` (as this server writes every frame),
    /// or an empty view: lets the hot paths skip scanning whole frames.
    static QByteArrayView leadingType(const QByteArray& text);
    /// The close code, 1006 without one, -1 if the connection never opened.
    std::function<void(int closeCode)> onClosed;

private:
    /// Sends `frame` with a fresh id; returns the id.
    qint64 send(QJsonObject frame);

    WebSocketLink m_link;
    QHash<qint64, Callback> m_pending;
    QHash<qint64, RawCallback> m_rawPending;
    QByteArray m_ignore;
    qint64 m_nextId = 1;
};
