#!/usr/bin/env bash
# Takes the screenshots in screenshots/ of the ImageJ 1.x plugin
# (Plugins > Cryo-EM > Wasserstein 2D Classes) running in a real ImageJ 1.x
# on a virtual X display (Xvfb + openbox), driven with xdotool.
#
# Needs: java (17+), Xvfb, xdotool, xprop/xwininfo (x11-utils), imagemagick
# (import, convert); openbox is optional (window decorations and focus).
#
# Environment (all optional):
#   JAR      plugin jar; default: build it with `mvn -B -q package -DskipTests`
#   IJ_JAR   ImageJ 1.x jar; default ~/.m2/repository/net/imagej/ij/1.54p/ij-1.54p.jar
#   DATA     MRC stack of 96x96 float32 images with a 1024-byte header, 100 images;
#            default ../shared/data/class-averages/mixture_2D.mrcs (next to the repo)
#   OUT      output folder; default screenshots/ in the repo
#   DISPLAY_NUM  X display number for Xvfb; default 99
#
# Example: JAR=/tmp/w2d-jar/Wasserstein_2D_Classes-0.1.0-SNAPSHOT.jar scripts/take-screenshots.sh
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${OUT:-$REPO/screenshots}
DATA=${DATA:-$REPO/../shared/data/class-averages/mixture_2D.mrcs}
IJ_JAR=${IJ_JAR:-$HOME/.m2/repository/net/imagej/ij/1.54p/ij-1.54p.jar}
DISPLAY_NUM=${DISPLAY_NUM:-99}
SIZE=96 COUNT=100 HEADER=1024

if [ -z "${JAR:-}" ]; then
	(cd "$REPO" && mvn -B -q package -DskipTests)
	JAR=$(ls "$REPO"/target/Wasserstein_2D_Classes-*.jar | grep -v -e sources -e javadoc -e -all | head -1)
fi
for f in "$JAR" "$IJ_JAR" "$DATA"; do
	[ -f "$f" ] || { echo "missing: $f" >&2; exit 1; }
done
DATA=$(cd "$(dirname "$DATA")" && pwd)/$(basename "$DATA")
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# throwaway ImageJ install: ij.jar + plugins/ with our jar, own prefs (user.home)
WORK=$(mktemp -d /tmp/ImageJ-screens.XXXXXX)
mkdir -p "$WORK/plugins" "$WORK/home" "$WORK/cmd"
cp "$IJ_JAR" "$WORK/ij.jar"
cp "$JAR" "$WORK/plugins/"

PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$WORK"
}
trap cleanup EXIT

export DISPLAY=:$DISPLAY_NUM
Xvfb "$DISPLAY" -screen 0 1280x800x24 -br -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; xwininfo -root >/dev/null 2>&1 && break; sleep 0.2; done
if command -v openbox >/dev/null; then
	openbox >"$WORK/openbox.log" 2>&1 &
	PIDS+=($!)
	sleep 1
fi

# Startup macro: opens the MRC stack with File > Import > Raw, then serves
# macro snippets that this script drops into $WORK/cmd (so that the rest runs
# in the same ImageJ instance, on real windows).
cat >"$WORK/startup.ijm" <<EOF
run("Raw...", "open=[$DATA] image=[32-bit Real] width=$SIZE height=$SIZE offset=$HEADER number=$COUNT gap=0 little-endian");
rename("$(basename "$DATA")");
setSlice(1);
resetMinAndMax();
run("Set... ", "zoom=200");
setLocation(0, 125);
dir = "$WORK/cmd/";
while (true) {
	if (File.exists(dir + "cmd.ijm")) {
		s = File.openAsString(dir + "cmd.ijm");
		ok = File.delete(dir + "cmd.ijm");
		eval(s);
		File.saveString("done", dir + "done");
	}
	wait(100);
}
EOF
(cd "$WORK" && exec java -Duser.home="$WORK/home" -jar ij.jar -ijpath "$WORK" -macro "$WORK/startup.ijm") \
	>"$WORK/ij.log" 2>&1 &
PIDS+=($!)

# --- helpers -----------------------------------------------------------------
win() { # first visible window whose title matches the regex $1
	xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1
}
wait_win() { # regex [timeout s]
	local t=$(( ${2:-30} * 5 ))
	for _ in $(seq "$t"); do [ -n "$(win "$1")" ] && return 0; sleep 0.2; done
	echo "window '$1' did not appear" >&2; xdotool search --onlyvisible --name . getwindowname %@ >&2 || true
	exit 1
}
ijm() { # run a macro snippet in ImageJ and wait until it is done
	rm -f "$WORK/cmd/done"
	printf '%s\n' "$1" >"$WORK/cmd/cmd.tmp"
	mv "$WORK/cmd/cmd.tmp" "$WORK/cmd/cmd.ijm"
	for _ in $(seq 300); do [ -f "$WORK/cmd/done" ] && return 0; sleep 0.1; done
	echo "macro timed out: $1" >&2; exit 1
}
move() { # regex x y [w h] (outer position of the client area)
	local id; id=$(win "$1")
	xdotool windowmove "$id" "$2" "$3"
	[ -z "${4:-}" ] || xdotool windowsize "$id" "$4" "$5"
	sleep 0.3
}
raise() {
	local id; id=$(win "$1")
	xdotool windowactivate --sync "$id" 2>/dev/null || xdotool windowraise "$id"
	sleep 0.8
}
frame_box() { # regex -> "W H X Y" of the window including its decorations
	local id x y w h l=0 r=0 t=0 b=0 ext
	id=$(win "$1")
	eval "$(xwininfo -id "$id" | awk -F: '/Absolute upper-left X/{print "x="$2} /Absolute upper-left Y/{print "y="$2} /Width/{print "w="$2} /Height/{print "h="$2}' | tr -d ' ')"
	ext=$(xprop -id "$id" _NET_FRAME_EXTENTS 2>/dev/null | sed -n 's/.*= *//p' | tr -d ' ')
	[ -z "$ext" ] || IFS=, read -r l r t b <<<"$ext"
	echo $((w + l + r)) $((h + t + b)) $((x - l)) $((y - t))
}
shoot_window() { # regex out.png: raise the window and crop the screen to it
	local W H X Y
	raise "$1"
	read -r W H X Y <<<"$(frame_box "$1")"
	import -window root "$WORK/root.png"
	convert "$WORK/root.png" -crop "${W}x${H}+${X}+${Y}" +repage "$OUT/$2"
	echo "wrote $OUT/$2 (${W}x${H})"
}
shoot_screen() { # out.png: everything that is not background (black) on the screen
	import -window root "$WORK/root.png"
	convert "$WORK/root.png" -trim +repage "$OUT/$1"
	echo "wrote $OUT/$1"
}

# --- 1. menu -----------------------------------------------------------------
wait_win '^ImageJ$'
wait_win "^$(basename "$DATA" | sed 's/\./\\./g')" # title may end with " (200%)"
move '^ImageJ$' 0 0
sleep 1
read -r W H X Y <<<"$(frame_box '^ImageJ$')"
# menu bar: "Plugins" is the 5th menu; find it in the menu bar by its position
# (ImageJ 1.54 default menus: File Edit Image Process Analyze Plugins Window Help)
PLUGINS_X=$((X + 320)); MENU_Y=$((Y + 32))
xdotool mousemove "$PLUGINS_X" "$MENU_Y" click 1
sleep 1
# "Cryo-EM" is the last entry of Plugins (after the separator): open its submenu
# with the keyboard (Up wraps to the last entry, Right opens the submenu)
xdotool key Up
sleep 0.3
xdotool key Right
sleep 1
shoot_screen menu.png

# --- 2. dialog ---------------------------------------------------------------
xdotool key Return # the submenu's only entry: Wasserstein 2D Classes
wait_win '^Wasserstein 2D Classes$'
sleep 1
move '^Wasserstein 2D Classes$' 215 125
raise '^Wasserstein 2D Classes$'
# classes is focused and selected; Tab skips the metric choice to rotations
xdotool type --delay 60 "10"
xdotool key Tab Tab
xdotool type --delay 60 "72"
sleep 0.5
shoot_screen dialog.png

# --- 3. results ----------------------------------------------------------------
start=$(date +%s.%N)
xdotool key Return # OK
sleep 0.8
shoot_window '^ImageJ$' progress.png # status bar and progress bar while it runs
wait_win '^Class averages' 300
wait_win '^Results$' 300
end=$(date +%s.%N)
xdotool mousemove 1279 799 # keep the pointer out of the windows' status lines
awk -v a="$start" -v b="$end" 'BEGIN { printf "classification: %.1f s from OK to the result windows\n", b - a }'
sleep 2
# macro code that selects the class-average stack (title "Class averages (W1) of ...")
SELECT_AVERAGES='t = getList("image.titles"); for (i = 0; i < t.length; i++) if (startsWith(t[i], "Class averages")) selectImage(t[i]);'
# class averages: zoom so that the 96x96 averages are visible
ijm "$SELECT_AVERAGES"' setSlice(1); run("Set... ", "zoom=300"); setLocation(0, 125);'
sleep 1
move '^Class occupancy' 340 125 515 360
move '^Wasserstein Class Summary$' 0 490 420 285
move '^Results$' 862 125 418 650
sleep 1
shoot_window '^Class averages' class_averages.png
shoot_window '^Class occupancy' occupancy.png
shoot_window '^Wasserstein Class Summary$' class_table.png
shoot_window '^Results$' particle_table.png
# all windows at once
raise '^Results$'
raise '^Class occupancy'
raise '^Wasserstein Class Summary$'
raise '^Class averages'
xdotool mousemove 1279 799
import -window root "$OUT/results_overview.png"
echo "wrote $OUT/results_overview.png"
# extra: a montage of all class averages with their slice labels
ijm "$SELECT_AVERAGES"' run("Make Montage...", "columns=5 rows=2 scale=1.5 font=14 label"); setLocation(0, 125);'
wait_win '^Montage'
sleep 1
shoot_window '^Montage' class_averages_montage.png
if [ -s "$WORK/ij.log" ]; then echo "ImageJ output:"; cat "$WORK/ij.log"; fi
