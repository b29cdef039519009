package vern.custom_test

test_success_always_wrong if {
	1 == 2
}
