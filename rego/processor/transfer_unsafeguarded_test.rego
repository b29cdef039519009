package vern.processor_test

import data.vern.lib
import data.vern.processor

_located(country, locations, transfer, dpf) := world(
	json.patch(good_processor, [
		{"op": "replace", "path": "/country", "value": country},
		{"op": "replace", "path": "/data_location", "value": locations},
		{"op": "replace", "path": "/transfer", "value": transfer},
		{"op": "add", "path": "/dpf_certified", "value": dpf},
	]),
	good_record,
)

test_fail_us_without_dpf_or_scc if {
	some f in processor.deny with input as _located("US", ["US"], {"mechanism": "none"}, false)
	f.rule == "processor.transfer_unsafeguarded"
	f.details.countries == ["US"]
	f.details.adequacy == {"US": "dpf"}
}

test_fail_eea_processor_storing_in_the_us if {
	_fires with input as _located("NO", ["NO", "us"], {}, false)
}

test_fail_dpf_outside_the_us_is_no_safeguard if {
	_fires with input as _located("IN", ["IN"], {"mechanism": "dpf"}, true)
}

test_fail_adequacy_claimed_where_none_exists if {
	_fires with input as _located("NO", ["IN"], {"mechanism": "adequacy"}, false)
}

test_success_us_dpf_certified if {
	not _fires with input as _located("US", ["US"], {}, true)
}

test_success_us_declared_dpf if {
	not _fires with input as _located("US", ["US"], {"mechanism": "dpf"}, false)
}

test_success_scc if {
	not _fires with input as _located("IN", ["IN"], {"mechanism": "scc"}, false)
}

test_success_bcr if {
	not _fires with input as _located("US", ["US"], {"mechanism": "BCR"}, false)
}

test_success_full_adequacy if {
	not _fires with input as _located("NO", ["JP", "GB"], {}, false)
}

test_success_canada_commercial if {
	not _fires with input as _located("CA", ["CA"], {}, false)
}

test_success_eea_and_region_names if {
	not _fires with input as _located("SE", ["EU", "EEA", "de"], {}, false)
}

_fires if lib.fired(processor.deny, "processor.transfer_unsafeguarded")
