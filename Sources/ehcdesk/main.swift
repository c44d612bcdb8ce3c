print("ehcdesk")
