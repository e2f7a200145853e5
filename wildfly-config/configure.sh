#!/usr/bin/env bash
# Applies every *.cli script of this folder, in order, to a WildFly installation that is not running
# (embedded server, no network). Used by the build for the WildFly it provisions under ear/target/; an operator
# with a running server runs the same scripts with `jboss-cli.sh --connect --file=...` instead (see README.md).
#
#   wildfly-config/configure.sh WILDFLY_HOME POSTGRESQL_JDBC_JAR [SERVER_CONFIG]
#
# SERVER_CONFIG defaults to standalone.xml (EJB; 05-microprofile-openapi.cli adds MicroProfile OpenAPI).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
home=${1:?usage: configure.sh WILDFLY_HOME POSTGRESQL_JDBC_JAR [SERVER_CONFIG]}
jar=${2:?usage: configure.sh WILDFLY_HOME POSTGRESQL_JDBC_JAR [SERVER_CONFIG]}
config=${3:-standalone.xml}
[ -x "$home/bin/jboss-cli.sh" ] || { echo "configure.sh: no WildFly at $home" >&2; exit 1; }
[ -r "$jar" ] || { echo "configure.sh: no JDBC driver jar at $jar" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf 'portcullis.jdbc.jar=%s\n' "$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")" > "$work/portcullis.properties"
{
  echo "embed-server --std-out=discard --server-config=$config"
  for script in "$here"/[0-9][0-9]-*.cli; do
    echo "echo applying $(basename "$script")"
    cat "$script"
    echo
  done
  echo "stop-embedded-server"
} > "$work/all.cli"
"$home/bin/jboss-cli.sh" --properties="$work/portcullis.properties" --file="$work/all.cli"
