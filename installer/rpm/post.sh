# palaver-server %post ($1: 1 on installation, 2 on upgrade): the user as sysusers.d declares
# it, its folder, the config file readable by the service only. RPM systems leave enabling a
# new service to their presets (systemctl preset), as their own packages' %systemd_post does.
if command -v systemd-sysusers > /dev/null 2>&1; then
    systemd-sysusers /usr/lib/sysusers.d/palaver-server.conf || :
fi
if getent passwd palaver > /dev/null; then
    [ -d /var/lib/palaver ] || install -d -o palaver -g palaver -m 0750 /var/lib/palaver
    chown root:palaver /etc/palaver/server.conf && chmod 0640 /etc/palaver/server.conf
fi
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload > /dev/null 2>&1 || :
    if [ "$1" -eq 1 ]; then
        systemctl preset palaver-server.service > /dev/null 2>&1 || :
    fi
fi
