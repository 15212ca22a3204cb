#include "qml/app/autopilot.h"

#include <QCoreApplication>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <cstdio>
#include <functional>

namespace palaver::app {

namespace {

constexpr int pollMs = 50;
constexpr int defaultTimeoutMs = 20000;

void walk(QQuickItem* item, const std::function<bool(QQuickItem*)>& visit, bool* stop)
{
    if (!item || *stop)
        return;
    if (visit(item)) {
        *stop = true;
        return;
    }
    const auto children = item->childItems();
    for (QQuickItem* child : children)
        walk(child, visit, stop);
}

QQuickItem* topItem(QQuickWindow* window)
{
    QQuickItem* item = window->contentItem();
    while (item && item->parentItem())
        item = item->parentItem();
    return item;
}

bool shown(QQuickItem* item)
{
    return item->isVisible() && item->width() > 0 && item->height() > 0 && item->opacity() > 0;
}

int keyFromName(const QString& name)
{
    static const QHash<QString, int> keys {
        {QStringLiteral("Return"), Qt::Key_Return},
        {QStringLiteral("Enter"), Qt::Key_Enter},
        {QStringLiteral("Escape"), Qt::Key_Escape},
        {QStringLiteral("Up"), Qt::Key_Up},
        {QStringLiteral("Down"), Qt::Key_Down},
        {QStringLiteral("Left"), Qt::Key_Left},
        {QStringLiteral("Right"), Qt::Key_Right},
        {QStringLiteral("Tab"), Qt::Key_Tab},
        {QStringLiteral("Backtab"), Qt::Key_Backtab},
        {QStringLiteral("Delete"), Qt::Key_Delete},
        {QStringLiteral("Menu"), Qt::Key_Menu},
        {QStringLiteral("PageUp"), Qt::Key_PageUp},
        {QStringLiteral("PageDown"), Qt::Key_PageDown},
        {QStringLiteral("Backspace"), Qt::Key_Backspace},
    };
    if (keys.contains(name))
        return keys.value(name);
    return name.size() == 1 ? name.at(0).toUpper().unicode() : int(Qt::Key_unknown);
}

} // namespace

Autopilot::Autopilot(QQmlApplicationEngine& engine, const QString& scriptPath)
    : m_engine(engine)
    , m_path(scriptPath)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Autopilot::next);
}

void Autopilot::start()
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot read ") + m_path);
        return;
    }
    m_steps = QJsonDocument::fromJson(file.readAll()).object().value(u"steps").toArray();
    m_index = 0;
    m_stepClock.start();
    m_timer.start(0);
}

void Autopilot::next()
{
    if (m_index >= m_steps.size())
        return;
    const QJsonObject step = m_steps.at(m_index).toObject();
    if (!runStep(step)) {
        const int timeout = step.value(u"timeout").toInt(defaultTimeoutMs);
        if (m_stepClock.elapsed() > timeout) {
            fail(QStringLiteral("step %1 timed out: %2")
                     .arg(m_index)
                     .arg(QString::fromUtf8(QJsonDocument(step).toJson(QJsonDocument::Compact))));
            return;
        }
        m_timer.start(pollMs);
        return;
    }
    ++m_index;
    m_typed = 0;
    m_stepClock.restart();
    m_timer.start(0);
}

bool Autopilot::runStep(const QJsonObject& step)
{
    const QString action = step.value(u"do").toString();
    const QString objectName = step.value(u"object").toString();

    if (action == u"geometry") {
        window()->setGeometry(step.value(u"x").toInt(), step.value(u"y").toInt(),
            step.value(u"width").toInt(1240), step.value(u"height").toInt(800));
        return true;
    }
    if (action == u"wait")
        return m_stepClock.elapsed() >= step.value(u"ms").toInt();
    if (action == u"waitFor") {
        QQuickItem* item = findItem(objectName);
        if (!item || !step.contains(u"property"))
            return item != nullptr;
        const QVariant value = item->property(step.value(u"property").toString().toUtf8());
        if (step.contains(u"atLeast"))
            return value.toDouble() >= step.value(u"atLeast").toDouble();
        return value == step.value(u"value").toVariant();
    }
    if (action == u"waitText")
        return findText(step.value(u"text").toString(), step.value(u"within").toString()) !=
            nullptr;
    if (action == u"set") {
        QQuickItem* item = findItem(objectName);
        return item &&
            item->setProperty(
                step.value(u"property").toString().toUtf8(), step.value(u"value").toVariant());
    }
    if (action == u"click") {
        QQuickItem* item = step.contains(u"text")
            ? findText(step.value(u"text").toString(), step.value(u"within").toString())
            : findItem(objectName);
        if (item)
            click(item,
                step.value(u"button").toString() == u"right" ? Qt::RightButton : Qt::LeftButton);
        return item != nullptr;
    }
    if (action == u"hover") {
        if (!step.contains(u"text")) {
            moveMouse(QPointF(step.value(u"x").toDouble(), step.value(u"y").toDouble()));
            return true;
        }
        QQuickItem* item =
            findText(step.value(u"text").toString(), step.value(u"within").toString());
        if (item)
            moveMouse(item->mapToScene(QPointF(item->width() / 2, item->height() / 2)));
        return item != nullptr;
    }
    if (action == u"activate") {
        window()->requestActivate();
        return window()->isActive() || m_stepClock.elapsed() > 2000;
    }
    if (action == u"focus") {
        QQuickItem* item = findItem(objectName);
        if (item)
            item->forceActiveFocus(Qt::OtherFocusReason);
        return item != nullptr;
    }
    if (action == u"type") {
        // One character per poll keeps typing notifications realistic.
        const QString text = step.value(u"text").toString();
        if (m_typed < text.size()) {
            const QChar c = text.at(m_typed++);
            const int key = c == u' ' ? int(Qt::Key_Space)
                : c.unicode() < 128   ? int(c.toUpper().unicode())
                                      : int(Qt::Key_unknown);
            sendKey(key, Qt::NoModifier, QString(c));
            return false;
        }
        return true;
    }
    if (action == u"key") {
        Qt::KeyboardModifiers modifiers;
        const auto names = step.value(u"modifiers").toArray();
        for (const auto& name : names) {
            if (name.toString() == u"ctrl")
                modifiers |= Qt::ControlModifier;
            else if (name.toString() == u"shift")
                modifiers |= Qt::ShiftModifier;
            else if (name.toString() == u"alt")
                modifiers |= Qt::AltModifier;
        }
        sendKey(keyFromName(step.value(u"key").toString()), modifiers, {});
        return true;
    }
    if (action == u"call") {
        QObject* target = objectName.isEmpty() ? static_cast<QObject*>(window())
                                               : static_cast<QObject*>(findItem(objectName));
        if (!target)
            return false;
        const auto args = step.value(u"args").toArray();
        QVariant a0 = args.size() > 0 ? args.at(0).toVariant() : QVariant();
        const QByteArray method = step.value(u"method").toString().toUtf8();
        return args.isEmpty()
            ? QMetaObject::invokeMethod(target, method.constData())
            : QMetaObject::invokeMethod(target, method.constData(), Q_ARG(QVariant, a0));
    }
    if (action == u"touch") {
        QFile file(step.value(u"file").toString());
        return file.open(QIODevice::WriteOnly);
    }
    if (action == u"waitFile")
        return QFile::exists(step.value(u"file").toString());
    if (action == u"grab") {
        const QImage image = window()->grabWindow();
        if (!image.save(step.value(u"file").toString()))
            fail(QStringLiteral("cannot save ") + step.value(u"file").toString());
        return true;
    }
    if (action == u"quit") {
        QCoreApplication::quit();
        return true;
    }
    fail(QStringLiteral("unknown step ") + action);
    return false;
}

void Autopilot::fail(const QString& why)
{
    std::fprintf(stderr, "palaver autopilot: %s\n", qPrintable(why));
    QCoreApplication::exit(3);
}

QQuickWindow* Autopilot::window() const
{
    const auto roots = m_engine.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(roots.first());
}

QQuickItem* Autopilot::findItem(const QString& objectName) const
{
    QQuickItem* found = nullptr;
    bool stop = false;
    walk(
        topItem(window()),
        [&](QQuickItem* item) {
            if (item->objectName() == objectName && shown(item))
                found = item;
            return found != nullptr;
        },
        &stop);
    return found;
}

QQuickItem* Autopilot::findText(const QString& text, const QString& within) const
{
    QQuickItem* start = within.isEmpty() ? topItem(window()) : findItem(within);
    if (!start)
        return nullptr;
    QQuickItem* found = nullptr;
    bool stop = false;
    walk(
        start,
        [&](QQuickItem* item) {
            if (shown(item) && item->property("text").toString() == text &&
                item->metaObject()->indexOfProperty("text") >= 0) {
                const QPointF centre =
                    item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
                if (window()->contentItem()->contains(centre))
                    found = item;
            }
            return found != nullptr;
        },
        &stop);
    return found;
}

void Autopilot::click(QQuickItem* item, Qt::MouseButton button)
{
    const QPointF pos = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    const QPointF global = window()->mapToGlobal(pos);
    moveMouse(pos);
    QMouseEvent press(QEvent::MouseButtonPress, pos, global, button, button, Qt::NoModifier);
    QCoreApplication::sendEvent(window(), &press);
    QMouseEvent release(
        QEvent::MouseButtonRelease, pos, global, button, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window(), &release);
}

void Autopilot::moveMouse(QPointF pos)
{
    QMouseEvent move(QEvent::MouseMove, pos, window()->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
        Qt::NoModifier);
    QCoreApplication::sendEvent(window(), &move);
}

void Autopilot::sendKey(int key, Qt::KeyboardModifiers modifiers, const QString& text)
{
    QKeyEvent press(QEvent::KeyPress, key, modifiers, text);
    QCoreApplication::sendEvent(window(), &press);
    QKeyEvent release(QEvent::KeyRelease, key, modifiers, text);
    QCoreApplication::sendEvent(window(), &release);
}

} // namespace palaver::app
