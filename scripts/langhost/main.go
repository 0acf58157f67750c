// pulumi-language-nodejs for an offline machine.
//
// The Node.js language host has lived in its own Go module since Pulumi v3.69, and the Go module proxy
// reachable here does not serve it; the last host it serves (inside sdk/v3 v3.68.0) runs programs fine
// but predates RunPlugin, which current CLIs use to start Node.js policy packs. This small host stands
// in front of that one: it forwards every call to it and answers RunPlugin itself, by running
// @pulumi/pulumi's run-policy-pack from the pack's node_modules. Real installations of the Pulumi CLI
// ship a current host and never use this.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
)

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	inner pulumirpc.LanguageRuntimeClient
}

func (h *host) Handshake(ctx context.Context, r *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return h.inner.Handshake(ctx, r)
}

func (h *host) GetRequiredPlugins(ctx context.Context, r *pulumirpc.GetRequiredPluginsRequest) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return h.inner.GetRequiredPlugins(ctx, r)
}

func (h *host) GetRequiredPackages(ctx context.Context, r *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return h.inner.GetRequiredPackages(ctx, r)
}

func (h *host) Run(ctx context.Context, r *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	return h.inner.Run(ctx, r)
}

func (h *host) GetPluginInfo(ctx context.Context, r *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return h.inner.GetPluginInfo(ctx, r)
}

func (h *host) About(ctx context.Context, r *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	return h.inner.About(ctx, r)
}

func (h *host) GetProgramDependencies(ctx context.Context, r *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return h.inner.GetProgramDependencies(ctx, r)
}

func (h *host) RuntimeOptionsPrompts(ctx context.Context, r *pulumirpc.RuntimeOptionsRequest) (*pulumirpc.RuntimeOptionsResponse, error) {
	return h.inner.RuntimeOptionsPrompts(ctx, r)
}

func (h *host) InstallDependencies(r *pulumirpc.InstallDependenciesRequest, s grpc.ServerStreamingServer[pulumirpc.InstallDependenciesResponse]) error {
	stream, err := h.inner.InstallDependencies(s.Context(), r)
	if err != nil {
		return err
	}
	for {
		msg, err := stream.Recv()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := s.Send(msg); err != nil {
			return err
		}
	}
}

// RunPlugin runs a Node.js policy pack: node <run-policy-pack> <engine address> <pack directory>,
// streaming its output back as it comes (the engine reads the pack's port from its stdout).
func (h *host) RunPlugin(r *pulumirpc.RunPluginRequest, s grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	dir := r.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = r.GetPwd()
	}
	if r.GetKind() != "" && r.GetKind() != "analyzer" {
		return fmt.Errorf("this offline language host runs only policy packs, not %q plugins", r.GetKind())
	}
	resolve := exec.Command("node", "-p", `require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [process.cwd()] })`)
	resolve.Dir = dir
	out, err := resolve.Output()
	if err != nil {
		return fmt.Errorf("cannot find @pulumi/pulumi/cmd/run-policy-pack from %s: run npm install there: %w", dir, err)
	}
	args := append([]string{strings.TrimSpace(string(out))}, r.GetArgs()...)
	cmd := exec.Command("node", append(args, dir)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), r.GetEnv()...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	pump := func(from io.Reader, wrap func([]byte) *pulumirpc.RunPluginResponse) {
		defer wg.Done()
		buf := make([]byte, 4096)
		for {
			n, err := from.Read(buf)
			if n > 0 {
				mu.Lock()
				_ = s.Send(wrap(append([]byte(nil), buf[:n]...)))
				mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}
	wg.Add(2)
	go pump(stdout, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	go pump(stderr, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	wg.Wait()
	code := 0
	if err := cmd.Wait(); err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			code = exit.ExitCode()
		} else {
			return err
		}
	}
	return s.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs (offline): %v\n", err)
	os.Exit(1)
}

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	// The v3.68.0 host sits beside this binary; it takes the same arguments.
	inner := exec.Command(filepath.Join(filepath.Dir(self), "pulumi-language-nodejs-v3.68.0"), os.Args[1:]...)
	inner.Stderr = os.Stderr
	innerOut, err := inner.StdoutPipe()
	if err != nil {
		fail(err)
	}
	if err := inner.Start(); err != nil {
		fail(err)
	}
	defer func() { _ = inner.Process.Kill() }()
	port, err := bufio.NewReader(innerOut).ReadString('\n')
	if err != nil {
		fail(fmt.Errorf("the v3.68.0 host did not start: %w", err))
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		fail(err)
	}
	cancel := make(chan bool)
	go func() {
		_ = inner.Wait()
		close(cancel)
	}()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, &host{inner: pulumirpc.NewLanguageRuntimeClient(conn)})
			return nil
		},
	})
	if err != nil {
		fail(err)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fail(err)
	}
}
