# palaver-server %preun ($1: 0 on removal, 1 on upgrade): stop and disable it on removal only.
# The data in /var/lib/palaver stays (RPM has no purge; delete it by hand).
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl --no-reload disable --now palaver-server.service > /dev/null 2>&1 || :
fi
