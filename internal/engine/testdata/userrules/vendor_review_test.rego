package vern.custom_test

import data.vern.custom
import data.vern.lib

test_fail_no_vendor if {
	lib.fired(custom.deny, "custom.processor_vendor_missing") with input as {"processors": {"x": {"name": "X"}}}
}

test_success_vendor if {
	not lib.fired(custom.deny, "custom.processor_vendor_missing") with input as {"processors": {"x": {"vendor": "v"}}}
}
