#include "shared/frames/realtimeframes.h"
