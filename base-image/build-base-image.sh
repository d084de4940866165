#!/usr/bin/env bash
# Builds the services' base image without a Docker daemon or a registry: a distroless-style root filesystem
# (a jlink'ed Java runtime, glibc from the machine's Debian package, a nonroot user, /tmp) written as a
# `docker save` tarball that Jib takes as its base (from.image = tar://...).
#
#   build-base-image.sh <output folder> <JDK home> <image name> [require all: true|false]
#
# The runtime is linked from the JDK that runs the build (JDK 24+ links from its own runtime; older JDKs need
# their jmods). glibc comes from the build machine's installed Debian package libc6 (dpkg), so this runs on
# Debian or Ubuntu; elsewhere, point the build at a registry image instead: -Dimage.base=eclipse-temurin:21-jre.
#
# On a machine that lacks any of these (x86-64 Linux, dpkg, a JDK that can link) the step is skipped: it says
# why in <output folder>/datacollab-skips/base-image.txt, which the build's summary lists, and the services'
# images are not built (their Jib step finds no base image). With require-all (CI) it fails instead.
set -euo pipefail

out=${1:?output folder}
jdk=${2:?JDK home}
name=${3:?image name}
rootfs="$out/rootfs"
modules=java.se,jdk.unsupported,jdk.management,jdk.management.jfr,jdk.jfr,jdk.jcmd,jdk.naming.dns,jdk.net,jdk.charsets,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.security.auth,jdk.security.jgss,jdk.zipfs

require_all=${4:-false}
skips="$out/datacollab-skips"

rm -rf "$rootfs" "$out/base-image.tar" "$out/layer.tar" "$skips"

# what the machine must have (the same as test-support's Capability DPKG, X86_64_LINUX and LINKABLE_JDK)
missing=()
[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] \
  || missing+=("needs X86_64_LINUX (the base image is linux/amd64): this machine is $(uname -s)/$(uname -m)")
command -v dpkg-query >/dev/null \
  || missing+=("needs DPKG (the base image takes glibc from Debian's installed libc6 package): dpkg-query not found on the PATH")
[ -d "$jdk/jmods" ] || "$jdk/bin/jlink" --help 2>/dev/null | grep -q 'Linking from run-time image enabled' \
  || missing+=("needs LINKABLE_JDK (the Java runtime is linked with jlink): the JDK at $jdk has no jmods and cannot link from its run-time image")
if [ ${#missing[@]} -gt 0 ]; then
  reason=$(IFS=';'; echo "${missing[*]}" | sed 's/;/; /g')
  if [ "$require_all" = true ]; then
    echo "base-image: $reason, and datacollab.require-all is set" >&2
    exit 1
  fi
  mkdir -p "$skips"
  printf 'base image and the services'"'"' images (-Pimages)\t%s\n' "$reason" > "$skips/base-image.txt"
  echo "base-image: SKIPPED, the services' images will not be built: $reason" >&2
  exit 0
fi

mkdir -p "$rootfs"

# 1. Java runtime
"$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive 2>/dev/null \
  || "$jdk/bin/jlink" --add-modules "$modules" --output "$rootfs/opt/java" --strip-debug --no-header-files --no-man-pages

# 2. glibc (the shared objects of Debian's libc6, no gconv/audit modules), usr-merged as Debian 12+ is
mkdir -p "$rootfs/usr/lib" "$rootfs/usr/lib64" "$rootfs/usr/share/doc/libc6"
ln -s usr/lib "$rootfs/lib"
ln -s usr/lib64 "$rootfs/lib64"
dpkg-query -L libc6 | grep -E '^/(usr/)?lib(64)?/[^ ]*\.so[.0-9]*$' | grep -vE '/(gconv|audit)/' | while read -r file; do
  relative=${file#/}; relative=${relative#usr/}
  target="$rootfs/usr/$relative"
  mkdir -p "$(dirname "$target")"
  cp -P "$file" "$target"
done
cp /usr/share/doc/libc6/copyright "$rootfs/usr/share/doc/libc6/copyright"

# 3. what a container expects: users, name service, a writable /tmp, mount points for /proc and /dev
mkdir -p "$rootfs/etc" "$rootfs/tmp" "$rootfs/proc" "$rootfs/dev" "$rootfs/home/nonroot" "$rootfs/usr/share/datacollab"
chmod 1777 "$rootfs/tmp"
chown 65532:65532 "$rootfs/home/nonroot" 2>/dev/null || true
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > "$rootfs/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' > "$rootfs/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$rootfs/etc/nsswitch.conf"
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' > "$rootfs/etc/hosts"
{
  echo "base image $name"
  echo "java: $(sed -n 's/^IMPLEMENTOR_VERSION="\(.*\)"/\1/p' "$jdk/release") $(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$rootfs/opt/java/release") (modules: $modules)"
  echo "libc6: $(dpkg-query -W -f '${Version}' libc6)"
} > "$rootfs/usr/share/datacollab/base-image.txt"

# 4. smoke check: the runtime starts on the copied glibc alone
"$rootfs/usr/lib64/ld-linux-x86-64.so.2" --library-path "$rootfs/usr/lib/x86_64-linux-gnu" \
  "$rootfs/opt/java/bin/java" -XX:-UsePerfData -version >/dev/null 2>&1 \
  || { echo "base-image: the linked runtime does not start on the copied glibc" >&2; exit 1; }

# 5. `docker save` layout: one layer, reproducible (sorted, numeric owners, fixed times)
(cd "$rootfs" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort > "$out/layer.files")
# ownership: everything root's (the builder's files count as root's), except the nonroot user's home
printf '+%s 0:0\n' "$(id -u)" > "$out/owners.map"
printf '+%s 0:0\n' "$(id -g)" > "$out/groups.map"
tar --create --file "$out/layer.tar" --directory "$rootfs" --no-recursion --numeric-owner \
  --owner-map "$out/owners.map" --group-map "$out/groups.map" \
  --mtime='1970-01-01 00:00:01Z' --verbatim-files-from --files-from "$out/layer.files"
diff_id="sha256:$(sha256sum "$out/layer.tar" | cut -d' ' -f1)"
work="$out/image"
rm -rf "$work" && mkdir -p "$work"
mv "$out/layer.tar" "$work/layer.tar"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"User":"65532:65532","WorkingDir":"/home/nonroot"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:01Z","created_by":"base-image/build-base-image.sh","comment":"$(tr '\n' ';' < "$rootfs/usr/share/datacollab/base-image.txt")"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["%s"],"Layers":["layer.tar"]}]\n' "$name" > "$work/manifest.json"
tar --create --file "$out/base-image.tar" --directory "$work" --numeric-owner --owner=0 --group=0 \
  --mtime='1970-01-01 00:00:01Z' manifest.json config.json layer.tar
rm -rf "$work" "$out/layer.files" "$out/owners.map" "$out/groups.map"
echo "base-image: $out/base-image.tar ($(du -h "$out/base-image.tar" | cut -f1)); $(tr '\n' ';' < "$rootfs/usr/share/datacollab/base-image.txt")"
