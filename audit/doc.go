// Package audit owns vern's flows: collect the targets of an inventory into evidence,
// evaluate the rules into findings, apply waivers and the gate, write the reports, sync the
// issues, and the smaller flows of the rule catalog, the input check, the rights plan, the
// agreement review and the evidence check. Each flow takes an options struct and returns a
// result struct; the command line binds flags to the options and maps the results and the
// errors' kinds (see Error) to exit codes. Errors name no command-line flag: a command adds
// its own hint to the typed errors it knows.
package audit
