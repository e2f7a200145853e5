# shellcheck shell=bash
# Finds a JDK of at least the version Portcullis needs and exports JAVA_HOME and PATH for it.
# Sourced by ./portcullis and gateway-native/portcullis-gateway. Looks, in order, at $PORTCULLIS_JAVA_HOME,
# $JAVA_HOME, /usr/lib/jvm/*, /usr/local/lib/jvm/*, /opt/*, ~/.jdks/* and ~/.sdkman/candidates/java/*.

portcullis_required_jdk=25

# Prints the feature version (17, 21, 25, ...) of the java binary in the JDK at $1, or nothing.
portcullis_jdk_version() {
  local home=$1
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  local release="$home/release"
  if [ -r "$release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n1
  else
    "$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
  fi
}

# Sets JAVA_HOME to a JDK >= $portcullis_required_jdk, or prints where it looked and returns 1.
portcullis_find_jdk() {
  local candidate version best="" best_version=0
  for candidate in "${PORTCULLIS_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/* \
    "$HOME"/.jdks/* "$HOME"/.sdkman/candidates/java/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    version=$(portcullis_jdk_version "$candidate")
    [ -n "$version" ] || continue
    # An explicit PORTCULLIS_JAVA_HOME or JAVA_HOME that is new enough wins over anything found by scanning.
    if [ "$version" -ge "$portcullis_required_jdk" ] &&
      { [ "$candidate" = "${PORTCULLIS_JAVA_HOME:-}" ] || [ "$candidate" = "${JAVA_HOME:-}" ]; }; then
      best=$candidate
      break
    fi
    if [ "$version" -ge "$portcullis_required_jdk" ] && [ "$version" -gt "$best_version" ]; then
      best=$candidate
      best_version=$version
    fi
  done
  if [ -z "$best" ]; then
    echo "portcullis: needs a JDK $portcullis_required_jdk or newer; none found in \$PORTCULLIS_JAVA_HOME," \
      "\$JAVA_HOME, /usr/lib/jvm/*, /usr/local/lib/jvm/*, /opt/*, ~/.jdks/*, ~/.sdkman/candidates/java/*." >&2
    echo "portcullis: install one (e.g. Debian's openjdk-25-jdk or Temurin 25) or set PORTCULLIS_JAVA_HOME." >&2
    return 1
  fi
  export JAVA_HOME=$best
  export PATH="$JAVA_HOME/bin:$PATH"
}
