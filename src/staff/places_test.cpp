// Tests of the places' routes of the staff space (staff/places.h).
#include "staff/places.h"

#include <gtest/gtest.h>
