// `npm run plugin:tarball [-- DIR]`: the provider plugin as release tarballs, one per package, for
// `pulumi plugin install resource PACKAGE VERSION --file TARBALL`: every package's launcher at the root
// (the others run tencentcloud-ccc's), beside `package/` (what `npm pack` ships) with its production
// dependencies and @pulumi/pulumi (the provider host) installed, at the versions of package-lock.json,
// offline from npm's cache (which `npm ci` of this repository fills). Prints the tarballs' paths.
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const repo = path.resolve(__dirname, "..");
const out = path.resolve(process.argv[2] ?? repo);
const manifest = require(path.join(repo, "package.json"));
const staging = fs.mkdtempSync(path.join(require("os").tmpdir(), "ccc-plugin-"));
try {
    const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const [{ filename }] = JSON.parse(npm(["pack", "--json", "--pack-destination", staging], repo));
    execFileSync("tar", ["xzf", path.join(staging, filename), "-C", staging]);
    fs.rmSync(path.join(staging, filename));
    const pkgDir = path.join(staging, "package");
    // The plugin runs the provider host itself, so the peer dependency becomes its own, at the tested version.
    const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
    pkg.dependencies["@pulumi/pulumi"] = manifest.devDependencies["@pulumi/pulumi"];
    delete pkg.devDependencies;
    fs.writeFileSync(path.join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2));
    fs.copyFileSync(path.join(repo, "package-lock.json"), path.join(pkgDir, "package-lock.json"));
    npm(["install", "--omit=dev", "--offline", "--ignore-scripts", "--no-audit", "--no-fund"], pkgDir);
    const { PACKAGES } = require(path.join(repo, "dist", "plugin", "packages.js"));
    const launchers = PACKAGES.map((p) => `pulumi-resource-${p.name}`);
    for (const launcher of launchers) {
        fs.copyFileSync(path.join(repo, "plugin", launcher), path.join(staging, launcher));
        fs.chmodSync(path.join(staging, launcher), 0o755);
    }
    for (const { name } of PACKAGES) {
        const tarball = path.join(out, `pulumi-resource-${name}-v${manifest.version}.tar.gz`);
        execFileSync("tar", ["czf", tarball, "-C", staging, ...launchers, "package"]);
        console.log(tarball);
    }
} finally {
    fs.rmSync(staging, { recursive: true, force: true });
}
