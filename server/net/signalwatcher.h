#pragma once
#include <QObject>
#include <initializer_list>

class QSocketNotifier;

namespace palaver::server {

/// Turns SIGINT/SIGTERM into a Qt signal. A Unix signal handler may only write to a pipe, so
/// the handler writes the signal number and a socket notifier reads it on the event loop.
class SignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(std::initializer_list<int> signalNumbers, QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void received(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace palaver::server
