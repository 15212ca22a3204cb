#include "shared/frames/roomframes.h"
