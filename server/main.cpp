#include "server/serverapp.h"

int main(int argc, char** argv)
{
    return palaver::server::runServer(argc, argv);
}
