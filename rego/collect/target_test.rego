package vern.collect_test

import data.vern.collect

test_success_target_resources if {
	collect._target_resource("db:crm") == "postgres://crm"
	collect._target_resource("site:www.alarmlink.no") == "site://www.alarmlink.no"
	collect._target_resource("processors") == "processor://registry"
	collect._target_resource("mystery") == "target://mystery"
}

test_success_sentence if {
	collect._sentence("timeout") == "timeout."
	collect._sentence("timeout.") == "timeout."
	collect._sentence("") == "."
}
