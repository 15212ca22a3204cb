#pragma once

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

class QQmlApplicationEngine;
class QQuickItem;
class QQuickWindow;

namespace palaver::app {

/// Test-only UI driver for tools/screenshots.sh, enabled by PALAVER_AUTOPILOT=script.json and
/// never otherwise. The script is {"steps": [...]}; each step is an object with "do":
///   geometry {x,y,width,height}        place the window (Xvfb has no window manager)
///   wait {ms}                           pause
///   waitFor {object[,property,value|atLeast][,timeout]}  a visible item named object
///   waitText {text[,within][,timeout]}  a visible item whose text property equals text
///                                       (within: only under the item with that objectName)
///   set {object,property,value}         write a property
///   click {object|text[,within][,button:"right"]}  mouse click at the item's centre
///   hover {x,y | text[,within]}         move the mouse to a point or onto an item
///   activate {}                         ask for keyboard focus (read markers need it)
///   focus {object}                      give the item active focus
///   type {text[,delay]}                 key presses with text, to the focused item
///   key {key[,modifiers]}               one key ("Return", "Up", "Escape", "K"…; ["ctrl","shift"])
///   call {object,method[,args]}         invoke a QML function
///   touch {file} / waitFile {file[,timeout]}   coordinate two clients through files
///   grab {file}                         save the window as PNG
///   quit {}
/// A step that times out prints why on stderr and exits with code 3.
class Autopilot : public QObject
{
    Q_OBJECT

public:
    Autopilot(QQmlApplicationEngine& engine, const QString& scriptPath);

    /// Loads the script and runs its steps one after another.
    void start();

private:
    void next();
    bool runStep(const QJsonObject& step); // true when done, false to retry later
    void fail(const QString& why);

    QQuickWindow* window() const;
    QQuickItem* findItem(const QString& objectName) const;
    QQuickItem* findText(const QString& text, const QString& within) const;
    void click(QQuickItem* item, Qt::MouseButton button);
    void moveMouse(QPointF pos);
    void sendKey(int key, Qt::KeyboardModifiers modifiers, const QString& text);

    QQmlApplicationEngine& m_engine;
    QString m_path;
    QJsonArray m_steps;
    int m_index = -1;
    int m_typed = 0;
    QElapsedTimer m_stepClock;
    QTimer m_timer;
};

} // namespace palaver::app
