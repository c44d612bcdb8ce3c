import EHCTUI
