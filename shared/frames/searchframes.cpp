#include "shared/frames/searchframes.h"
