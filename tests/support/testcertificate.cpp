#include "tests/support/testcertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>

namespace {

QString opensslBinary()
{
    // PALAVER_OPENSSL lets a machine without openssl on PATH point at one.
    const QString fromEnv = qEnvironmentVariable("PALAVER_OPENSSL");
    return fromEnv.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("openssl")) : fromEnv;
}

} // namespace

QString TestCertificate::formatFingerprint(const QByteArray& digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

TestCertificate TestCertificate::create(const QString& folder, const QString& name)
{
    TestCertificate result;
    const QDir dir(folder);
    result.certPath = dir.filePath(name + QStringLiteral(".crt"));
    result.keyPath = dir.filePath(name + QStringLiteral(".key"));

    const QString openssl = opensslBinary();
    if (openssl.isEmpty()) {
        result.error = QStringLiteral(
            "the openssl command-line tool is not installed (Debian: apt-get install openssl; "
            "or set PALAVER_OPENSSL to its path); it is needed to make a test certificate");
        return result;
    }

    // -nodes: the server reads the key without a pass phrase. Two days is long enough for any
    // test run and short enough that a leaked file is worthless soon.
    const QStringList args {QStringLiteral("req"), QStringLiteral("-x509"),
        QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
        QStringLiteral("/CN=localhost/O=Palaver test"), QStringLiteral("-addext"),
        QStringLiteral("subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost"),
        QStringLiteral("-keyout"), result.keyPath, QStringLiteral("-out"), result.certPath};
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl, args);
    if (!process.waitForStarted(10000)) {
        result.error = QStringLiteral("cannot run %1: %2").arg(openssl, process.errorString());
        return result;
    }
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        result.error = QStringLiteral("%1 req failed (exit %2): %3")
                           .arg(openssl)
                           .arg(process.exitCode())
                           .arg(QString::fromLocal8Bit(process.readAll()).trimmed());
        return result;
    }

    QFile file(result.certPath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.error =
            QStringLiteral("cannot read %1: %2").arg(result.certPath, file.errorString());
        return result;
    }
    const auto certificates = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        result.error = QStringLiteral("%1 holds no PEM certificate").arg(result.certPath);
        return result;
    }
    result.certificate = certificates.first();
    result.sha256 = result.certificate.digest(QCryptographicHash::Sha256);
    result.fingerprint = formatFingerprint(result.sha256);
    return result;
}
