#pragma once

namespace palaver::server {

/// The whole palaver-server program: parse options, serve until SIGINT/SIGTERM.
int runServer(int argc, char** argv);

} // namespace palaver::server
