// Command tool serves nothing: not a service.
package main

import "fmt"

func main() {
	fmt.Println("migrated")
}
