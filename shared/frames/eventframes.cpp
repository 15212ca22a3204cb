#include "shared/frames/eventframes.h"
