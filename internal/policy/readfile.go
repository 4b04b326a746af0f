package policy

import (
	"errors"
	"strings"

	"github.com/obscheck/obscheck/internal/safefile"
)

// MaxFileSize caps a policy file: the commented template is under 10 kB,
// and a policy is read by every driver (under go vet, for the tool ID,
// every policy file of the module) before anything else happens.
const MaxFileSize = 1 << 20

// readPolicyFile reads a policy file the way a repository cannot abuse:
// a symlink leaving the repository, a dangling or looping symlink, a FIFO,
// a device or a directory is refused, and so is a file over MaxFileSize.
func readPolicyFile(path string) ([]byte, error) {
	data, err := safefile.Read(path, MaxFileSize)
	if err != nil {
		// The caller names the file; say only what is wrong with it.
		msg := strings.TrimPrefix(err.Error(), path+": ")
		if errors.Is(err, safefile.ErrTooLarge) {
			msg += "; a policy file is at most 1 MB"
		}
		return nil, errors.New(msg)
	}
	return data, nil
}

// ReadFile is readPolicyFile for the go vet tool ID, which hashes every
// policy file of the module.
func ReadFile(path string) ([]byte, error) { return readPolicyFile(path) }
