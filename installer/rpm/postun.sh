# palaver-server %postun ($1: 0 on removal, 1 on upgrade): restart a running server on upgrade.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload > /dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart palaver-server.service > /dev/null 2>&1 || :
    fi
fi
