#pragma once
// One generator connection: register, then requests with callbacks by id. Answers are matched
// by `re`; pushes go to onPush. Parsing is minimal on purpose: the generator shares the cores
// with the server it measures.
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QWebSocket>
#include <functional>

class BenchClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QJsonObject&)>;
    explicit BenchClient(QObject* parent = nullptr);

    void open(const QUrl& url, std::function<void()> connected);
    void request(QJsonObject frame, Callback answered);
    std::function<void(const QJsonObject&)> onPush;
    std::function<void(int closeCode)> onClosed;

private:
    QWebSocket m_socket;
    QHash<qint64, Callback> m_pending;
    qint64 m_nextId = 1;
};
