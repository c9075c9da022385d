#!/bin/sh
# The layers include one way (docs/design.md): app -> ui -> core, sim -> core, and core/api, which the
# other core folders build on, includes nothing from them. Prints every include that goes the wrong way.
cd "$1" || exit 2
status=0
# check WHAT DIR PATTERN [ALLOWED]: no file under DIR includes a header matching PATTERN (unless ALLOWED)
check() {
    found=$(grep -rnE "#include \"($3)" "$2" --include='*.h' --include='*.cpp' | grep -vE "#include \"(${4:-^$})" || true)
    if [ -n "$found" ]; then
        echo "$1:"
        echo "$found"
        status=1
    fi
}
check "core includes widgets, the front ends or the simulator" core 'ui/|app/|sim/'
check "core/api includes the core folders built on it" core/api 'core/' 'core/api/'
check "ui includes the front ends or the simulator" ui 'app/|sim/'
check "the simulator includes widgets or the front ends" sim 'ui/|app/'
exit $status
