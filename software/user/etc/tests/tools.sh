# Shell and tools, written so that a POSIX sh with coreutils prints the same
# (tests/kernel compares the two). Run from an empty folder.
echo hello world
echo 'quoted  words' "and more"
echo one > a.txt
echo two >> a.txt
cat a.txt
cat < a.txt | cat | cat
mkdir d
cp a.txt d/b.txt
cat d/b.txt
mv d/b.txt d/c.txt
cat d/c.txt
echo status $?
cd d
echo inside
cat c.txt > ../e.txt
cd ..
cat e.txt
rm d/c.txt a.txt e.txt
echo done
