#pragma once
#include <QObject>

namespace palaver::server {

/// Where nodes publish to each other: every message reaches every node subscribed, in the
/// order each publisher sent them, possibly not at all while the link is down (the nodes
/// recover what they missed from the database). Redis pub/sub in production.
class BusTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual bool isReady() const = 0;
    /// False when the message could not be handed to the bus.
    virtual bool publish(const QByteArray& message) = 0;

Q_SIGNALS:
    /// Linked (again): subscribed, publishing works.
    void ready();
    /// The link dropped; messages meanwhile are lost both ways.
    void lost();
    void received(const QByteArray& message);
};

} // namespace palaver::server
